"""Python zeep as a merchant would use it: pay (checkout.cardOrder) then cancel on the simulator.

Usage: zeep-pay-cancel.py BASE_URL MERCHANT_ID SECRET_KEY TRANSACTION_REFERENCE
Seals requests with its own implementation of the documented rule and prints the replies as JSON.
"""
import hashlib
import hmac
import json
import sys

from zeep import Client
from zeep.helpers import serialize_object

base, merchant_id, key, reference = sys.argv[1:5]


def flatten(value, out):
    if value is None:
        return
    if isinstance(value, dict):
        for name in sorted(value):
            flatten(value[name], out)
    elif isinstance(value, list):
        for item in value:
            flatten(item, out)
    else:
        out.append(str(value))


def seal(fields):
    parts = []
    for name in sorted(fields):
        if name not in ("keyVersion", "sealAlgorithm", "seal"):
            flatten(fields[name], parts)
    return hmac.new(key.encode(), "".join(parts).encode(), hashlib.sha256).hexdigest()


def call(service, operation, fields):
    client = Client(f"{base}/services/v2/{service}?wsdl")
    fields = dict(fields, merchantId=merchant_id, keyVersion=1)
    fields["seal"] = seal(fields)
    reply = getattr(client.service, operation)(input=fields)
    return serialize_object(reply, dict)


order = call("checkout", "cardOrder", {
    "amount": 2500, "currencyCode": "978", "cardNumber": "4200000000000000", "cardExpiryDate": "203012",
    "orderChannel": "INTERNET", "interfaceVersion": "IR_WS_2.55", "transactionReference": reference,
})
cancel = call("cashManagement", "cancel", {
    "operationAmount": 1000, "currencyCode": "978", "operationOrigin": "ZEEP", "interfaceVersion": "CR_WS_2.55",
    "transactionReference": reference,
})
print(json.dumps({"order": order, "cancel": cancel}, default=str))
