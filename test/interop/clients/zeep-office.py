"""Python zeep as a merchant would use it against the simulator: its own seal code and its own lexical forms.

Usage: /usr/bin/python3 zeep-office.py BASE_URL MERCHANT_ID SECRET_KEY REFERENCE
Runs a payment, a partial cancel, a lookup and a refusal; prints the replies and the exact request
texts it sent (zeep's HistoryPlugin) as one JSON object.
"""
import datetime
import hashlib
import hmac
import json
import sys

from lxml import etree
from zeep import Client
from zeep.helpers import serialize_object
from zeep.plugins import HistoryPlugin

base, merchant_id, key, reference = sys.argv[1:5]
history = HistoryPlugin(maxlen=20)
sent = []


def flatten(value, out):
    """Values in key order (containers in place, their own keys sorted), lists in order."""
    if value is None:
        return
    if isinstance(value, dict):
        for name in sorted(value):
            flatten(value[name], out)
    elif isinstance(value, (list, tuple)):
        for item in value:
            flatten(item, out)
    else:
        out.append(str(value))


def seal(fields):
    parts = []
    for name in sorted(fields):
        if name not in ("keyVersion", "sealAlgorithm", "seal"):
            flatten(fields[name], parts)
    return hmac.new(key.encode("utf-8"), "".join(parts).encode("utf-8"), hashlib.sha256).hexdigest()


clients = {}


def element_fields(element):
    """A reply element's children as the text they carried: leaves as text, containers as dicts."""
    out = {}
    for child in element:
        name = etree.QName(child).localname
        value = element_fields(child) if len(child) else (child.text or "")
        if name in out:
            out[name] = (out[name] if isinstance(out[name], list) else [out[name]]) + [value]
        else:
            out[name] = value
    return out


def call(service, operation, fields):
    client = clients.get(service) or Client(f"{base}/services/v2/{service}?wsdl", plugins=[history])
    clients[service] = client
    fields = dict(fields, merchantId=merchant_id, keyVersion="1")
    fields["seal"] = seal(fields)
    reply = getattr(client.service, operation)(input=fields)
    sent.append(etree.tostring(history.last_sent["envelope"], encoding="unicode"))
    # The reply's seal, checked by this script's own code over the text of the reply's elements.
    output = history.last_received["envelope"].find(".//{*}output")
    received = element_fields(output)
    result = serialize_object(reply, dict)
    result["sealVerifiedByZeepScript"] = hmac.compare_digest(seal(received), received.get("seal", ""))
    return result


# Python's own forms: an ISO date-time with microseconds and a +02:00 offset, an amount written with
# leading zeros (zeep passes the string through), non-ASCII text, a nested contact.
when = datetime.datetime(2026, 11, 27, 21, 5, 9, 123456, tzinfo=datetime.timezone(datetime.timedelta(hours=2))).isoformat()
common = {"currencyCode": "978", "orderChannel": "INTERNET", "interfaceVersion": "IR_WS_2.55", "cardExpiryDate": "203012", "merchantTransactionDateTime": when}
payment = call("checkout", "cardOrder", dict(
    common, amount="0002500", cardNumber="4200000000000000", transactionReference=reference,
    orderId="Commande n°42 – Zoë", holderContact={"lastname": "Müller", "firstname": "Zoë"},
))
cancel = call("cashManagement", "cancel", {
    "operationAmount": "01000", "currencyCode": "978", "operationOrigin": "ZEEP", "interfaceVersion": "CR_WS_2.55",
    "transactionReference": reference,
})
lookup = call("diagnostic", "getTransactionData", {"interfaceVersion": "DR_WS_2.55", "transactionReference": reference})
refusal = call("checkout", "cardOrder", dict(common, amount="990", cardNumber="4100000000000005", transactionReference=reference + "R"))
print(json.dumps({"payment": payment, "cancel": cancel, "lookup": lookup, "refusal": refusal, "sent": sent}, default=str, ensure_ascii=False))
