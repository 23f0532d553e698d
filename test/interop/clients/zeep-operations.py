"""Loads each WSDL given on the command line with zeep and prints {wsdl: [operations]} as JSON.

Used by test/interop/contract-proof.test.ts as an independent SOAP stack's reading of the contract.
"""
import json
import sys

from zeep import Client
from zeep.transports import Transport

result = {}
for path in sys.argv[1:]:
    client = Client(path, transport=Transport(timeout=5))
    operations = set()
    for service in client.wsdl.services.values():
        for port in service.ports.values():
            operations.update(port.binding._operations.keys())
    result[path] = sorted(operations)
print(json.dumps(result))
