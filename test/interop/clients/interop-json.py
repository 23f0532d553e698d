"""An independent Office JSON client (Python standard library only, no code of ours): pays, cancels part of the
payment and looks it up over the simulator's JSON interface (POST /rs-services/v2/<service>/<operation>).

Usage: interop-json.py BASE_URL MERCHANT_ID SECRET_KEY TRANSACTION_REFERENCE
It seals each request by the documented rule (values ordered by field name, containers flattened in place with
their own keys sorted, list items in order, keyVersion/sealAlgorithm/seal left out, HMAC-SHA-256 in lowercase
hex), verifies each reply's seal the same way, and prints the replies as JSON.
"""
import hashlib
import hmac
import json
import sys
import urllib.request

base, merchant_id, key, reference = sys.argv[1:5]
EXCLUDED = ("keyVersion", "sealAlgorithm", "seal")


def flatten(value, out):
    if value is None:
        return
    if isinstance(value, dict):
        for name in sorted(value):
            flatten(value[name], out)
    elif isinstance(value, list):
        for item in value:
            flatten(item, out)
    elif isinstance(value, bool):
        out.append("true" if value else "false")
    else:
        out.append(str(value))


def seal(fields):
    parts = []
    for name in sorted(fields):
        if name not in EXCLUDED:
            flatten(fields[name], parts)
    return hmac.new(key.encode("utf-8"), "".join(parts).encode("utf-8"), hashlib.sha256).hexdigest()


def call(service, operation, fields):
    fields = dict(fields, merchantId=merchant_id, keyVersion=1)
    fields["seal"] = seal(fields)
    request = urllib.request.Request(
        f"{base}/rs-services/v2/{service}/{operation}",
        data=json.dumps(fields).encode("utf-8"),
        headers={"Content-Type": "application/json", "Accept": "application/json"},
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=20) as response:
        reply = json.loads(response.read().decode("utf-8"))
    if reply.get("seal") != seal(reply):
        raise SystemExit(f"{operation}: the reply's seal does not verify")
    return reply


order = call("checkout", "cardOrder", {
    "amount": 3100, "currencyCode": "978", "cardNumber": "4200000000000000", "cardExpiryDate": "203012",
    "orderChannel": "INTERNET", "interfaceVersion": "IR_WS_2.55", "transactionReference": reference,
    "customerContact": {"lastname": "Lefèvre", "firstname": "Zoé"},
})
cancel = call("cashManagement", "cancel", {
    "operationAmount": 1100, "currencyCode": "978", "operationOrigin": "PYJSON", "interfaceVersion": "CR_WS_2.55",
    "transactionReference": reference,
})
lookup = call("diagnostic", "getTransactionData", {"interfaceVersion": "DR_WS_2.55", "transactionReference": reference})
refused = call("checkout", "cardOrder", {
    "amount": 500, "currencyCode": "978", "cardNumber": "4100000000000005", "cardExpiryDate": "203012",
    "orderChannel": "INTERNET", "interfaceVersion": "IR_WS_2.55", "transactionReference": reference + "R",
})
print(json.dumps({"order": order, "cancel": cancel, "lookup": lookup, "refused": refused}))
