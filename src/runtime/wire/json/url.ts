// Where a JSON request goes (POST /rs-services/v2/<service>/<operation>) and, on the server side, which operation a
// path's last segment names; the request headers of the JSON wire.
import type { OperationDescriptor, ServiceDescriptor } from '../../descriptor';
import { baseUrl, type EndpointOptions, type Environment } from '../../endpoints';

/** https://<host>/rs-services/v2/<service>/<operation> (the dictionary's jsonPath where it differs from the name). */
export function jsonUrl(
  environment: Environment,
  operation: Pick<OperationDescriptor, 'service' | 'name' | 'jsonPath'>,
  options: EndpointOptions = {},
): string {
  return `${baseUrl(environment, options)}/rs-services/v2/${operation.service}/${operation.jsonPath ?? operation.name}`;
}

/**
 * The operation a JSON path segment names (the documentation's spelling, such as getPDFMandate, or the method name).
 */
export function jsonOperation(service: ServiceDescriptor, segment: string): OperationDescriptor | undefined {
  return Object.values(service.operations).find(
    (operation) => (operation.jsonPath ?? operation.name) === segment || operation.name === segment,
  );
}

/** The request headers of the JSON wire. */
export const JSON_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'Content-Type': 'application/json; charset=utf-8',
  Accept: 'application/json',
});
