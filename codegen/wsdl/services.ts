// Services: one per WSDL document, named after its endpoint path or file, with the operations of its chosen
// SOAP bindings; a document without SOAP bindings (or a bare XSD) contributes its types only.
import * as path from 'node:path';
import type { ServiceModel } from '../ir';
import { safeIdentifier } from '../names';
import { UnsupportedConstructError } from '../unsupported-construct-error';
import { XS } from '../xsd/builtins';
import { globalTypes } from '../xsd/complex-types';
import { documentOf, loadSchema, moduleFor } from '../xsd/schema-set';
import { boundOperations, chooseBindings, type DraftOperation } from './bindings';
import { loadDefinitions, reachable, SOAP12, WSDL, type WsdlSet } from './definitions';

/** A service before naming: its operations still point at type keys. */
export interface DraftService {
  readonly operations: DraftOperation[];
  readonly service: Omit<ServiceModel, 'operations'>;
}

/** Service name from the endpoint path /services/v2/<name>, else the WSDL file name. */
export function serviceNameOf(source: string, location: string | undefined): string {
  const match = location ? /\/services\/v2\/([A-Za-z][A-Za-z0-9]*)\/?$/.exec(location) : null;
  if (match) return match[1]!;
  return moduleNameOf(source);
}

/** File name without extension, camel-cased into an identifier. */
function moduleNameOf(source: string): string {
  const base = path.posix
    .basename(source)
    .replace(/\.(wsdl|xml)$/i, '')
    .replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ?? '').toUpperCase());
  return safeIdentifier(base.charAt(0).toLowerCase() + base.slice(1));
}

/**
 * The service a WSDL document describes: the operations of every chosen binding, unique method names,
 * the SOAP version and address of the first; undefined for a document with types only.
 *   <wsdl:definitions targetNamespace> ... <wsdl:service name> <wsdl:port .../>* </wsdl:service>* </wsdl:definitions>
 */
export function readService(set: WsdlSet, source: string): DraftService | undefined {
  const root = documentOf(set, source);
  const module = moduleFor(set, source);
  if (root.namespace === XS && root.local === 'schema') {
    loadSchema(set, root, source, module);
    globalTypes(set, reachable(set, source));
    return undefined;
  }
  if (root.namespace !== WSDL || root.local !== 'definitions') {
    const what =
      root.namespace === 'http://www.w3.org/ns/wsdl'
        ? 'a WSDL 2.0 description (only WSDL 1.1 is supported)'
        : `not a WSDL 1.1 document: its root <${root.name}> is in namespace "${root.namespace}", not ${WSDL}`;
    throw new UnsupportedConstructError(source, 'document', what);
  }
  loadDefinitions(set, source, module);
  const chosen = chooseBindings(set, source);
  if (chosen.length === 0) {
    globalTypes(set, reachable(set, source));
    return undefined;
  }
  const used = new Set<string>();
  const operations = chosen.flatMap((binding) => boundOperations(set, source, binding, used));
  const first = chosen[0]!;
  return {
    operations,
    service: {
      kind: 'service',
      name: module,
      source,
      namespace: root.attributes.targetNamespace ?? '',
      soapVersion: first.soapBinding.namespace === SOAP12 ? '1.2' : '1.1',
      ...(first.location ? { location: first.location } : {}),
    },
  };
}
