// Whether a service is a Sips Office contract, by a documented rule, so the platform's dictionary, conventions,
// code table and /services/v2/<service> routing are never applied to a WSDL somebody else wrote.
import type { ContractDecision, ServiceModel } from './ir';
import type { Overlay } from './dictionary';

/** Target namespaces of the Office Server contracts: urn:sips:cn:contract:office:<service>:v2. */
export const OFFICE_NAMESPACE = /^urn:sips:cn:contract:office:/i;
/** Address path of an Office Server service (the last segment is checked against the known services). */
const OFFICE_PATH = /\/services\/v2\/([A-Za-z][A-Za-z0-9]*)\/?$/;

/**
 * The rule, first match wins:
 *  1. the target namespace is `urn:sips:cn:contract:office:*` (every published Office WSDL has one);
 *  2. the soap:address path is `/services/v2/<service>` and <service> is a service the dictionary knows;
 *  3. the service name is one the dictionary knows and at least half of its operations (and one or more) are
 *     operations the dictionary lists for that service.
 * Anything else is a foreign contract: no Sogenactif text, kind, code field or since-version, and calls go to
 * its own soap:address.
 */
export function recogniseOffice(
  service: ServiceModel,
  overlay: Overlay | undefined,
): { office: boolean; reason: string } {
  if (OFFICE_NAMESPACE.test(service.namespace))
    return { office: true, reason: `target namespace ${service.namespace} is urn:sips:cn:contract:office:*` };
  const known = (name: string): boolean => overlay?.services.has(name.toLowerCase()) ?? false;
  const addressPath = service.location ? OFFICE_PATH.exec(service.location)?.[1] : undefined;
  if (addressPath && known(addressPath))
    return { office: true, reason: `address ${service.location} is /services/v2/${addressPath}, an Office service` };
  if (known(service.name)) {
    const operations = overlay!.services.get(service.name.toLowerCase())!.operations ?? {};
    const names = new Set(Object.keys(operations).map((n) => n.toLowerCase()));
    const matched = service.operations.filter((op) => names.has(op.name.toLowerCase())).length;
    if (matched > 0 && matched * 2 >= service.operations.length) {
      return {
        office: true,
        reason: `service ${service.name} and ${matched} of its ${service.operations.length} operation(s) are Office's`,
      };
    }
  }
  const namespace = service.namespace
    ? `target namespace ${service.namespace} is not urn:sips:cn:contract:office:*`
    : 'no target namespace';
  const address = service.location
    ? `address ${service.location} is not /services/v2/<Office service>`
    : 'no soap:address';
  const names = known(service.name)
    ? `fewer than half of its operations are ${service.name}'s`
    : `${service.name} is not an Office service name`;
  return { office: false, reason: `${namespace}; ${address}; ${names}` };
}

/**
 * One decision per service: recognised or not, whether the dictionary applies ('platform': to recognised services;
 * forced by --dictionary DIR: to every service; 'none': to none), and the sentence `generate` prints.
 */
export function decide(
  services: readonly ServiceModel[],
  overlay: Overlay | undefined,
  mode: 'platform' | 'forced' | 'none',
): ContractDecision[] {
  return services.map((service) => {
    const { office, reason } = recogniseOffice(service, overlay);
    const dictionary = mode === 'forced' || (mode === 'platform' && office);
    const routing = office
      ? `calls go to <environment>/services/v2/${service.name}`
      : `calls go to its soap:address` +
        `${service.location ? ` ${service.location}` : ' (none: pass an environment base URL)'}`;
    const applied =
      mode === 'none'
        ? 'no dictionary (--no-dictionary)'
        : dictionary
          ? office
            ? 'Sogenactif dictionary and conventions applied'
            : 'dictionary applied because --dictionary was given'
          : 'no Sogenactif dictionary, conventions or code table (give --dictionary to apply one)';
    return { service: service.name, office, dictionary, reason: `${reason}: ${applied}; ${routing}` };
  });
}
