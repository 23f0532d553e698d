// Proofs that the WSDL contract is sound, from independent tools: xmllint (well-formedness and XSD
// validation of our envelopes), node-soap and Python zeep load every WSDL and see every operation.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as soap from 'soap';
import { services, type ServiceDescriptor } from '../../src/runtime';
import { buildEnvelope } from '../../src/runtime/wire';
import { buildWireRecord } from '../../src/runtime/record';
import { computeSeal } from '../../src/runtime/seal';

const wsdlDir = path.resolve('wsdl');
const wsdls = fs
  .readdirSync(wsdlDir)
  .filter((f) => f.endsWith('.wsdl'))
  .sort();
const all = Object.values(services) as ServiceDescriptor[];

/** Writes the WSDL's inline schema as a standalone XSD beside copies of the XSDs it imports. */
function extractSchema(file: string, dir: string): string {
  const text = fs.readFileSync(path.join(wsdlDir, file), 'utf8');
  const definitions = /<wsdl:definitions([^>]*)>/.exec(text)![1]!;
  const declarations = [...definitions.matchAll(/\s(xmlns:[A-Za-z0-9]+)="([^"]*)"/g)];
  let schema = /<xs:schema[\s\S]*<\/xs:schema>/.exec(text)![0];
  const start = /<xs:schema([^>]*)>/.exec(schema)!;
  const missing = declarations
    .filter(([, name]) => !start[1]!.includes(`${name!}=`))
    .map(([, name, uri]) => ` ${name}="${uri}"`)
    .join('');
  schema = schema.replace(start[0], `<xs:schema${start[1]}${missing}>`);
  for (const xsd of fs.readdirSync(wsdlDir).filter((f) => f.endsWith('.xsd')))
    fs.copyFileSync(path.join(wsdlDir, xsd), path.join(dir, xsd));
  const target = path.join(dir, file.replace(/\.wsdl$/, '.xsd'));
  fs.writeFileSync(target, `<?xml version="1.0" encoding="UTF-8"?>\n${schema}\n`);
  return target;
}

/** A minimal valid request for an operation: required fields filled with values that pass the facets. */
function sampleRequest(descriptor: ServiceDescriptor['operations'][string]): Record<string, unknown> {
  const fill = (structName: string): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    for (const field of descriptor.schema.structs[structName]!.fields) {
      if (!field.required || field.name === 'seal') continue;
      const type = field.type;
      let value: unknown;
      if (typeof type === 'object' && 'struct' in type) value = fill(type.struct);
      else if (typeof type === 'object') value = descriptor.schema.enums[type.enum]!.codes[0]![0];
      else if (type === 'integer' || type === 'number') value = field.facets?.minInclusive ?? 1;
      else if (type === 'boolean') value = true;
      else if (field.name === 'merchantId') value = '002001000000001';
      else if (field.name === 'interfaceVersion') value = descriptor.recommendedInterfaceVersion;
      else if (field.facets?.pattern === '[0-9]{3}') value = '978';
      else if (field.facets?.pattern) value = sampleFor(field.facets.pattern);
      else value = 'X';
      out[field.name] = field.list ? [value] : value;
    }
    return out;
  };
  return fill(descriptor.request);
}

function sampleFor(pattern: string): string {
  const samples: Record<string, string> = {
    '[0-9]{15}': '002001000000001',
    '[0-9a-f]{64}|[0-9a-f]{128}': '0'.repeat(64),
    '[a-z]{2}': 'fr',
    '[A-Z]{3}': 'FRA',
  };
  if (samples[pattern]) return samples[pattern]!;
  const digits = /^\[0-9\]\{(\d+)(?:,\d+)?\}$/.exec(pattern);
  if (digits) return '2026123112345678901234567890'.slice(0, Number(digits[1]));
  throw new Error(`no sample value for pattern ${pattern}: add one to sampleFor`);
}

describe('every WSDL', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'proof-'));

  test('is well-formed (xmllint)', () => {
    for (const file of [...wsdls, ...fs.readdirSync(wsdlDir).filter((f) => f.endsWith('.xsd'))]) {
      execFileSync('xmllint', ['--noout', path.join(wsdlDir, file)]);
    }
  });

  test.each(all.map((s) => [s.name, s] as const))(
    '%s: its schema compiles and our request envelopes validate against it (xmllint --schema)',
    (name, service) => {
      const xsd = extractSchema(`${name}.wsdl`, tmp);
      for (const operation of Object.values(service.operations)) {
        const issues: { field: string; problem: string }[] = [];
        const request = sampleRequest(operation);
        const wire = buildWireRecord(
          { fields: operation.schema.structs[operation.request]!.fields.filter((f) => f.name !== 'seal') },
          request,
          { schema: operation.schema, issues },
        );
        expect(issues).toEqual([]);
        wire.seal = computeSeal(wire, 'k');
        const envelope = buildEnvelope(operation, wire);
        const body = /<soapenv:Body>([\s\S]*)<\/soapenv:Body>/.exec(envelope)![1]!;
        const instance = path.join(tmp, `${operation.name}.xml`);
        fs.writeFileSync(instance, body);
        const output = execFileSync('xmllint', ['--noout', '--schema', xsd, instance], {
          encoding: 'utf8',
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        expect(output).toBe('');
      }
    },
  );

  test.each(wsdls)('%s loads in node-soap with every operation', async (file) => {
    const client = await soap.createClientAsync(path.join(wsdlDir, file));
    const described = client.describe() as Record<string, Record<string, Record<string, unknown>>>;
    const operations = Object.values(described).flatMap((service) =>
      Object.values(service).flatMap((port) => Object.keys(port)),
    );
    const service = all.find((s) => `${s.name}.wsdl` === file)!;
    expect(operations.sort()).toEqual(Object.keys(service.operations).sort());
  });

  test('loads in Python zeep, which lists every operation', () => {
    const output = execFileSync(
      '/usr/bin/python3',
      ['test/interop/clients/zeep-operations.py', ...wsdls.map((f) => path.join(wsdlDir, f))],
      { encoding: 'utf8' },
    );
    const listed = JSON.parse(output) as Record<string, string[]>;
    for (const file of wsdls) {
      const service = all.find((s) => `${s.name}.wsdl` === file)!;
      expect(listed[path.join(wsdlDir, file)]).toEqual(Object.keys(service.operations).sort());
    }
  });
});
