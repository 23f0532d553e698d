"""A legacy Python merchant system paying through the sealing gateway: zeep generated from the gateway's WSDL, and
NO seal code, no key (it names its merchant: the gateway may hold several).

Usage: /usr/bin/python3 gateway-zeep.py GATEWAY_URL MERCHANT_ID REFERENCE
Runs a payment, a refusal, a partial cancel, a lookup and a payment whose reply the simulator drops
(orderId FAULT_DROP_...); prints the replies and the gateway's fault for the dropped one as one JSON object.
"""
import json
import sys

from lxml import etree
from zeep import Client
from zeep.exceptions import Fault
from zeep.helpers import serialize_object

base, merchant_id, reference = sys.argv[1:4]
GATEWAY_NS = "urn:sogenactif-office:gateway:v1"
clients = {}


def call(service, operation, fields):
    client = clients.get(service) or Client(f"{base}/services/v2/{service}?wsdl")
    clients[service] = client
    try:
        return serialize_object(getattr(client.service, operation)(input=dict(fields, merchantId=merchant_id)), dict)
    except Fault as fault:
        # The gateway's documented fault: faultcode gw:<code>, the detail in its own namespace.
        detail = {etree.QName(e).localname: e.text for e in fault.detail.iter(f"{{{GATEWAY_NS}}}*") if len(e) == 0} if fault.detail is not None else {}
        return {"fault": fault.code, "faultstring": fault.message, "detail": detail}


common = {"currencyCode": "978", "orderChannel": "INTERNET", "cardExpiryDate": "203012"}
payment = call("checkout", "cardOrder", dict(common, amount=2500, cardNumber="4200000000000000", transactionReference=reference, orderId="Commande n°42 – Zoë"))
refusal = call("checkout", "cardOrder", dict(common, amount=990, cardNumber="4100000000000514", transactionReference=reference + "R"))
cancel = call("cashManagement", "cancel", {"operationAmount": 1000, "currencyCode": "978", "operationOrigin": "ZEEP", "transactionReference": reference})
lookup = call("diagnostic", "getTransactionData", {"transactionReference": reference})
dropped = call("checkout", "cardOrder", dict(common, amount=1500, cardNumber="4200000000000000", transactionReference=reference + "D", orderId="FAULT_DROP_" + reference))
print(json.dumps({"payment": payment, "refusal": refusal, "cancel": cancel, "lookup": lookup, "dropped": dropped}, default=str, ensure_ascii=False))
