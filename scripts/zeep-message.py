#!/usr/bin/python3
# What Python zeep sends for one call, without sending it: the SOAP envelope of create_message, printed as XML.
#   zeep-message.py WSDL OPERATION JSON-ARGUMENTS
# Used by test/constructs.test.ts to compare our envelopes with zeep's on the same fixture and the same values.
import json
import sys

from lxml import etree
from zeep import Client, Settings

wsdl, operation, arguments = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
client = Client(wsdl, settings=Settings(strict=False))
envelope = client.create_message(client.service, operation, **arguments)
sys.stdout.write(etree.tostring(envelope, encoding='unicode'))
