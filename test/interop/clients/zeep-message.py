#!/usr/bin/python3
# What Python zeep sends for one call, without sending it: the SOAP envelope of create_message, printed as XML.
#   zeep-message.py WSDL OPERATION JSON-ARGUMENTS
# Used by test/interop/constructs.test.ts to compare our envelopes with zeep's on the same fixture and the same values.
# A JSON object {"$element": "{namespace}name", ...} is that global element built with the other keys (how zeep
# is given a member of a substitution group); {"$type": "{namespace}name", ...} that type (zeep then writes xsi:type).
import json
import sys

from lxml import etree
from zeep import Client, Settings

wsdl, operation, arguments = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
client = Client(wsdl, settings=Settings(strict=False))


def build(value):
    if isinstance(value, list):
        return [build(item) for item in value]
    if not isinstance(value, dict):
        return value
    fields = {name: build(item) for name, item in value.items() if name not in ('$element', '$type')}
    if '$element' in value:
        return client.get_element(value['$element'])(**fields)
    if '$type' in value:
        return client.get_type(value['$type'])(**fields)
    return fields


envelope = client.create_message(client.service, operation, **{name: build(value) for name, value in arguments.items()})
sys.stdout.write(etree.tostring(envelope, encoding='unicode'))
