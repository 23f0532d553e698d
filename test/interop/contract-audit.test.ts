// Holds the contract (wsdl/ through the codegen model) to the audit of the official data-dictionary pages
// (wsdl/audit/<service>.json): every audited operation and field, and its presence, since, values and shape.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadModel } from '../../codegen';
import type { ContractModel, FieldModel, OperationModel, StructModel } from '../../codegen/ir';

const STATUSES = ['documented', 'partly documented', 'inferred'] as const;
const PRESENCES = ['required', 'conditional', 'optional', 'absent'] as const;
const SHAPES = ['scalar', 'container', 'list'] as const;
const BRANDS = ['sogenactif', 'mercanet', 'sherlocks', 'sips'] as const;

/** One field as the pages show it (wsdl/audit format, see issue 13). */
interface AuditField {
  readonly presence?: (typeof PRESENCES)[number];
  readonly since?: string;
  readonly values?: readonly string[];
  readonly shape?: (typeof SHAPES)[number];
  readonly source: string;
  readonly note?: string;
}

interface AuditOperation {
  readonly status: (typeof STATUSES)[number];
  readonly statusNote?: string;
  readonly pages: readonly {
    readonly url: string;
    readonly brand: string;
    readonly release: string | null;
    readonly shows: string;
  }[];
  readonly endpoints?: { readonly json?: string; readonly soap?: string };
  readonly soapBodyElement?: string;
  readonly recommendedInterfaceVersion?: { readonly value: string; readonly source: string; readonly note?: string };
  readonly request?: Readonly<Record<string, AuditField>>;
  readonly response?: Readonly<Record<string, AuditField>>;
  readonly requestListComplete?: boolean;
  readonly responseListComplete?: boolean;
  readonly choices?: readonly { readonly topic: string; readonly chose: string; readonly sources: readonly string[] }[];
}

interface AuditFile {
  readonly service: string;
  readonly operations: Readonly<Record<string, AuditOperation>>;
}

const auditDir = path.resolve('wsdl', 'audit');
const auditFiles = fs.existsSync(auditDir)
  ? fs
      .readdirSync(auditDir)
      .filter((f) => f.endsWith('.json'))
      .sort()
  : [];

/** The format rules a file must follow before its content is compared (wrong keys would silently check nothing). */
export function formatProblems(file: string, audit: AuditFile): string[] {
  const out: string[] = [];
  if (`${audit.service}.json` !== file)
    out.push(`${file}: "service" is ${JSON.stringify(audit.service)}, expected the file name`);
  for (const [name, op] of Object.entries(audit.operations ?? {})) {
    const at = `${audit.service}.${name}`;
    if (!STATUSES.includes(op.status))
      out.push(`${at}: status ${JSON.stringify(op.status)} is not one of ${STATUSES.join(', ')}`);
    if (op.status !== 'documented' && !op.statusNote) out.push(`${at}: status '${op.status}' needs a statusNote`);
    if (!Array.isArray(op.pages)) out.push(`${at}: "pages" must be an array`);
    for (const page of op.pages ?? []) {
      if (!/^https:\/\//.test(page.url)) out.push(`${at}: page url ${JSON.stringify(page.url)} is not an https URL`);
      if (!(BRANDS as readonly string[]).includes(page.brand))
        out.push(`${at}: page brand ${JSON.stringify(page.brand)} is not one of ${BRANDS.join(', ')}`);
      if (!page.shows) out.push(`${at}: page ${page.url} does not say what it shows`);
    }
    for (const direction of ['request', 'response'] as const) {
      for (const [field, entry] of Object.entries(op[direction] ?? {})) {
        const where = `${at} ${direction}.${field}`;
        if (entry.presence !== undefined && !PRESENCES.includes(entry.presence))
          out.push(`${where}: presence ${JSON.stringify(entry.presence)} is not one of ${PRESENCES.join(', ')}`);
        if (entry.shape !== undefined && !SHAPES.includes(entry.shape))
          out.push(`${where}: shape ${JSON.stringify(entry.shape)} is not one of ${SHAPES.join(', ')}`);
        if (!entry.source) out.push(`${where}: no source`);
        if (entry.values !== undefined && !Array.isArray(entry.values)) out.push(`${where}: values must be an array`);
      }
    }
    for (const choice of op.choices ?? []) {
      if (!choice.topic || !choice.chose || (choice.sources ?? []).length === 0)
        out.push(`${at}: a choice needs topic, chose and sources`);
    }
  }
  return out;
}

function shapeOf(field: FieldModel): (typeof SHAPES)[number] {
  if (field.list) return 'list';
  return field.type.kind === 'struct' ? 'container' : 'scalar';
}

/** Every difference between the contract and one audited field list (request or response). */
function fieldMismatches(
  model: ContractModel,
  at: string,
  struct: StructModel | undefined,
  fields: Readonly<Record<string, AuditField>>,
  complete: boolean,
): string[] {
  const out: string[] = [];
  if (!struct)
    return Object.keys(fields).length > 0 || complete ? [`${at}: the contract has no such message type`] : [];
  const byName = new Map(struct.fields.map((f) => [f.name, f]));
  for (const [name, entry] of Object.entries(fields)) {
    const field = byName.get(name);
    const where = `${at}.${name}`;
    if (entry.presence === 'absent') {
      if (field) out.push(`${where}: the pages exclude it (${entry.source}) but the contract declares it`);
      continue;
    }
    if (!field) {
      out.push(`${where}: shown by ${entry.source} but missing from the contract (${struct.name})`);
      continue;
    }
    if (entry.presence !== undefined && field.required !== (entry.presence === 'required')) {
      out.push(
        `${where}: the pages say ${entry.presence}, the XSD has it ` +
          `${field.required ? 'required' : 'optional (minOccurs="0")'}`,
      );
    }
    if (entry.since !== undefined && field.since !== entry.since)
      out.push(`${where}: since ${entry.since} on the pages, ${field.since ?? 'none'} in the dictionary`);
    if (entry.shape !== undefined && shapeOf(field) !== entry.shape)
      out.push(`${where}: shape ${entry.shape} on the pages, ${shapeOf(field)} in the contract`);
    if (entry.values !== undefined) {
      if (field.type.kind !== 'enum') {
        out.push(`${where}: the pages list values but the contract type is not an enumeration`);
      } else {
        const enumName = field.type.name;
        const contract = new Set((model.enums.find((e) => e.name === enumName)?.values ?? []).map((v) => v.value));
        const pages = new Set(entry.values);
        const missing = [...pages].filter((v) => !contract.has(v));
        const extra = [...contract].filter((v) => !pages.has(v));
        if (missing.length > 0 || extra.length > 0)
          out.push(
            `${where}: enum ${enumName} differs from the pages: missing [${missing.join(', ')}` +
              `], not on the pages [${extra.join(', ')}]`,
          );
      }
    }
  }
  if (complete) {
    const unlisted = struct.fields.filter((f) => !(f.name in fields)).map((f) => f.name);
    if (unlisted.length > 0)
      out.push(`${at}: the pages' complete list does not have [${unlisted.join(', ')}], which the contract declares`);
  }
  return out;
}

/** Every difference between the contract and one audited operation. */
export function operationMismatches(
  model: ContractModel,
  service: string,
  name: string,
  audit: AuditOperation,
): string[] {
  const at = `${service}.${name}`;
  const operation: OperationModel | undefined = model.services
    .find((s) => s.name === service)
    ?.operations.find((o) => o.name === name);
  if (!operation) return [`${at}: audited but not in the contract`];
  const out: string[] = [];
  if (operation.status !== audit.status)
    out.push(
      `${at}: the dictionary's status is ${JSON.stringify(operation.status)}, the audit says ` +
        `${JSON.stringify(audit.status)}`,
    );
  if (audit.soapBodyElement !== undefined && operation.requestElement.local !== audit.soapBodyElement) {
    out.push(
      `${at}: SOAP body element is <${operation.requestElement.local}>, the pages' sample says <` +
        `${audit.soapBodyElement}>`,
    );
  }
  const recommended = audit.recommendedInterfaceVersion?.value;
  if (recommended !== undefined && operation.recommendedInterfaceVersion !== recommended) {
    out.push(`${at}: the dictionary recommends ${operation.recommendedInterfaceVersion}, the audit ${recommended}`);
  }
  const struct = (key: string | undefined): StructModel | undefined => model.structs.find((s) => s.name === key);
  out.push(
    ...fieldMismatches(
      model,
      `${at} request`,
      struct(operation.request),
      audit.request ?? {},
      audit.requestListComplete === true,
    ),
  );
  out.push(
    ...fieldMismatches(
      model,
      `${at} response`,
      struct(operation.response),
      audit.response ?? {},
      audit.responseListComplete === true,
    ),
  );
  return out;
}

const model = auditFiles.length > 0 ? loadModel(['wsdl']) : undefined;
const audits = auditFiles.map(
  (file) => [file, JSON.parse(fs.readFileSync(path.join(auditDir, file), 'utf8')) as AuditFile] as const,
);

test('wsdl/audit holds at least one audit file', () => {
  expect(auditFiles.length).toBeGreaterThan(0);
});

describe.each(audits)('%s', (file, audit) => {
  test('follows the audit format', () => {
    expect(formatProblems(file, audit)).toEqual([]);
  });

  test('audits every operation of its service', () => {
    const inContract = model!.services.find((s) => s.name === audit.service)?.operations.map((o) => o.name) ?? [];
    expect({ service: audit.service, notAudited: inContract.filter((name) => !(name in audit.operations)) }).toEqual({
      service: audit.service,
      notAudited: [],
    });
  });

  test('the contract matches every audited operation and field', () => {
    const mismatches = Object.entries(audit.operations).flatMap(([name, op]) =>
      operationMismatches(model!, audit.service, name, op),
    );
    expect(mismatches).toEqual([]);
  });
});

describe('the checks catch drift (given an audit entry, want the mismatch)', () => {
  const service = model!.services.find((s) => s.name === 'authentication')!;
  const operation = service.operations.find((o) => o.name === 'hostedFieldsInitialize')!;
  const base: AuditOperation = {
    status: operation.status!,
    statusNote: 'x',
    pages: [],
    soapBodyElement: 'hostedFieldsInitialize',
    request: {},
    response: {},
  };
  const source = 'https://example.test/page.html';
  test.each([
    [
      'a required field made optional',
      { request: { merchantId: { presence: 'optional', source } } },
      /merchantId: the pages say optional, the XSD has it required/,
    ],
    [
      'an absent field still declared',
      { request: { merchantId: { presence: 'absent', source } } },
      /merchantId: the pages exclude it/,
    ],
    [
      'a missing field',
      { request: { notAField: { presence: 'optional', source } } },
      /notAField: shown by .* but missing from the contract/,
    ],
    ['a since-version', { request: { merchantId: { since: '9.9', source } } }, /merchantId: since 9\.9 on the pages/],
    [
      'a shape',
      { request: { paymentMeanBrandList: { shape: 'scalar', source } } },
      /paymentMeanBrandList: shape scalar on the pages, list in the contract/,
    ],
    [
      'values on a non-enum',
      { request: { merchantId: { values: ['A'], source } } },
      /merchantId: the pages list values but the contract type is not an enumeration/,
    ],
    [
      'enum values',
      { request: { sealAlgorithm: { values: ['HMAC-SHA-256'], source } } },
      /sealAlgorithm: enum .* not on the pages \[/,
    ],
    [
      'a complete list',
      { request: { merchantId: { source } }, requestListComplete: true },
      /request: the pages' complete list does not have \[.*keyVersion/,
    ],
    [
      'the body element',
      { soapBodyElement: 'HostedFieldsInitialize' },
      /SOAP body element is <hostedFieldsInitialize>/,
    ],
    ['the status', { status: 'inferred' }, /the dictionary's status is/],
    [
      'the interfaceVersion',
      { recommendedInterfaceVersion: { value: 'AUT_WS_1.0', source } },
      /recommends .*, the audit AUT_WS_1\.0/,
    ],
  ] as [string, Partial<AuditOperation>, RegExp][])('%s', (_name, change, want) => {
    const mismatches = operationMismatches(model!, 'authentication', 'hostedFieldsInitialize', { ...base, ...change });
    expect(mismatches).toEqual([expect.stringMatching(want)]);
  });
});
