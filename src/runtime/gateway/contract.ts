// The contract the gateway serves: its services (each operation found by the wire that reads the call), and the WSDLs
// at ?wsdl with seal, keyVersion, sealAlgorithm, merchantId and interfaceVersion optional (the gateway fills them),
// read from the package's own copy of the contract (wsdl/ in the sources, dist/wsdl in the runtime package).
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ServiceDescriptor } from '../descriptor';
import { loadGenerated } from '../lazy';

/** Every service of the generated contract, by name. */
export function gatewayServices(): Readonly<Record<string, ServiceDescriptor>> {
  return loadGenerated<{ services: Record<string, ServiceDescriptor> }>('.').services;
}

/**
 * The folder holding the contract's WSDLs and common.xsd, three folders above this module: the repository's wsdl/
 * in the sources, the package's dist/wsdl once built (scripts/build.js puts it at the same place).
 */
export function contractDir(): string {
  return path.resolve(__dirname, '../../../wsdl');
}

/** Request fields the gateway fills: optional in the WSDLs it serves. */
export const GATEWAY_FILLED_FIELDS = ['seal', 'keyVersion', 'sealAlgorithm', 'merchantId', 'interfaceVersion'] as const;

const FILLED = new RegExp(
  `<((?:[A-Za-z_][\\w.-]*:)?element)(\\s+name="(?:${GATEWAY_FILLED_FIELDS.join('|')})")([^>]*?)(/?)>`,
  'g',
);

/**
 * A WSDL or XSD as the gateway serves it: the fields it fills made optional (minOccurs="0"), the SOAP address
 * pointed at `location` (the gateway's own service URL) when given.
 */
export function gatewayContract(text: string, location?: string): string {
  const optional = text.replace(FILLED, (_whole, element: string, name: string, rest: string, close: string) => {
    const attributes = /\bminOccurs="[^"]*"/.test(rest)
      ? rest.replace(/\bminOccurs="[^"]*"/, 'minOccurs="0"')
      : `${rest} minOccurs="0"`;
    return `<${element}${name}${attributes}${close}>`;
  });
  return location === undefined
    ? optional
    : optional.replace(/(<soap(?:12)?:address\s+location=")[^"]*(")/g, `$1${location}$2`);
}

/** The served text of one contract file (`<service>.wsdl` or an imported `.xsd`), or undefined when there is none. */
export function contractFile(dir: string, file: string, location?: string): string | undefined {
  if (!/^[A-Za-z0-9_-]+\.(?:wsdl|xsd)$/.test(file)) return undefined;
  const full = path.join(dir, file);
  if (!fs.existsSync(full)) return undefined;
  return gatewayContract(fs.readFileSync(full, 'utf8'), location);
}
