// Model stage: WSDL/XSD element trees to the structural IR (see ir.ts), by wsdl/ over xsd/; dictionary.ts
// overlays the platform's meanings afterwards. This module orders the passes and names the types (names.ts);
// nothing here touches the disk.
import type { ContractModel, EnumModel, FieldModel, ServiceModel, StructModel } from './ir';
import type { XmlElement } from './parse';
import { assignNames, pascalCase, RUNTIME_NAMES } from './names';
import { createWsdlSet, firstAddress } from './wsdl/definitions';
import { readService, serviceNameOf, type DraftService } from './wsdl/services';
import type { DraftType } from './xsd/drafts';
import { documentOf, moduleFor } from './xsd/schema-set';

export { UnsupportedConstructError } from './unsupported-construct-error';

export interface ContractInput {
  /** Every loaded document by its path (WSDLs and the XSDs they import), '/'-separated. */
  readonly documents: ReadonlyMap<string, XmlElement>;
  /** Paths of the WSDL documents to turn into services, in a stable order. */
  readonly wsdls: readonly string[];
}

const byName = (a: { name: string }, b: { name: string }) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/**
 * The structural model of a contract: every service, struct and enum, named, sorted, with the broken references as
 * warnings.
 */
export function buildModel(input: ContractInput): ContractModel {
  const set = createWsdlSet(input.documents);
  // Service names first: they name the modules of their inline schemas and win over XSD file names.
  for (const source of input.wsdls)
    moduleFor(set, source, serviceNameOf(source, firstAddress(documentOf(set, source))));
  const drafts: DraftService[] = [];
  for (const source of input.wsdls) {
    const service = readService(set, source);
    if (service) drafts.push(service);
  }
  const { structs: draftStructs, enums: draftEnums, hints, ownerHints } = set.drafts;
  const names = assignNames(
    hints,
    [...RUNTIME_NAMES, ...drafts.map((d) => `${pascalCase(d.service.name)}Client`)],
    ownerHints,
  );
  const nameOf = (k: string): string => names.get(k)!;
  const finalType = (type: DraftType): FieldModel['type'] =>
    type.kind === 'primitive' ? type : { kind: type.kind, name: nameOf(type.key) };
  const services: ServiceModel[] = drafts.map(({ service, operations }) => ({
    ...service,
    operations: operations.map(({ requestKey, responseKey, requestHeadersKey, ...op }) => ({
      ...op,
      request: nameOf(requestKey),
      ...(requestHeadersKey !== undefined ? { requestHeaders: nameOf(requestHeadersKey) } : {}),
      ...(responseKey !== undefined ? { response: nameOf(responseKey) } : {}),
    })),
  }));
  const structs: StructModel[] = [...draftStructs.values()].map((s) => ({
    kind: 'struct',
    name: nameOf(s.key),
    module: s.module,
    xsdName: s.xsdName,
    ...(s.description ? { description: s.description } : {}),
    fields: s.fields.map(({ derived, ...f }) => ({
      ...f,
      type: finalType(f.type),
      ...(derived
        ? { derived: derived.map((d) => ({ struct: nameOf(d.key), namespace: d.namespace, local: d.local })) }
        : {}),
    })),
    ...(s.open ? { open: true } : {}),
    ...(s.anyAttributes ? { anyAttributes: true as const } : {}),
    ...(s.choices ? { choices: s.choices } : {}),
  }));
  const enums: EnumModel[] = [...draftEnums.values()].map(({ key: k, ...e }) => ({ ...e, name: nameOf(k) }));
  return {
    kind: 'contract',
    services: services.sort(byName),
    structs: structs.sort(byName),
    enums: enums.sort(byName),
    ...(set.warnings.length > 0 ? { warnings: set.warnings } : {}),
    sources: Object.fromEntries(
      [...set.modules.names]
        .map(([source, module]) => [module, source])
        .sort(([a], [b]) => (a! < b! ? -1 : a! > b! ? 1 : 0)),
    ),
  };
}
