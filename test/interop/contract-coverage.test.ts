// The contract against the seed documentation and the data dictionary: every documented operation is
// generated, with the recommended interfaceVersion, a classified code field and documented value lists.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { services, type ServiceDescriptor } from '../../src/runtime';
import { loadModel } from '../../codegen';

const all = Object.values(services) as ServiceDescriptor[];
const operations = all.flatMap((s) => Object.values(s.operations));
const seedFile = path.resolve('..', 'shared', 'seeds', 'office-server-methods.txt');
const seedPresent = fs.existsSync(seedFile);
// A plain notice on stderr, not console.warn: jest prints a code frame under console.warn, which reads like a failure.
if (!seedPresent)
  process.stderr.write(
    `\nSKIPPED seed coverage tests: no ${seedFile}` +
      ` (../shared, research material beside the repository, is absent in this checkout)\n\n`,
  );
const withSeed = seedPresent ? describe : describe.skip;

/** Operation name to recommended interfaceVersion, as the seed's method list gives them. */
function seedOperations(): Map<string, string> {
  const lines = fs
    .readFileSync(seedFile, 'utf8')
    .split('\n')
    .map((l) => l.trim());
  const out = new Map<string, string>();
  for (let i = 0; i < lines.length; i++) {
    if (lines[i] !== '-' || !/^[a-z][A-Za-z]+$/.test(lines[i + 1] ?? '')) continue;
    const name = lines[i + 1]!;
    for (let j = i + 2; j < lines.length && lines[j] !== '-'; j++) {
      const version = /(?:Recommended interfaceVersion|interfaceVersion recommandée)\s*:\s*([A-Z]+_WS_[0-9.]+)/.exec(
        lines[j]!,
      );
      if (version) out.set(name, version[1]!);
    }
  }
  return out;
}

withSeed('coverage of the seed method list', () => {
  // describe.skip still runs this body: read the seed only when it is there.
  const seed = seedPresent ? seedOperations() : new Map<string, string>();

  test('the seed names 44 operations and every one is generated', () => {
    expect(seed.size).toBe(44);
    const generated = new Set(operations.map((o) => o.name));
    const missing = [...seed.keys()].filter((name) => !generated.has(name));
    expect(missing).toEqual([]);
    expect(operations).toHaveLength(44);
  });

  test('recommended interfaceVersions are the seed values, unless an operation page recommends a later one', () => {
    const differing = operations
      .filter((o) => o.recommendedInterfaceVersion !== seed.get(o.name))
      .map((o) => `${o.service}.${o.name}: ${o.recommendedInterfaceVersion} vs seed ${seed.get(o.name)}`);
    expect(differing.sort()).toEqual([
      'fraud.getVelocityData: FR_WS_2.58 vs seed FR_WS_2.55',
      'fraud.removeFromFraudList: FR_WS_2.58 vs seed FR_WS_2.55',
      'mandate.finalizeMandate: MR_WS_2.58 vs seed MR_WS_2.55',
      'mandate.getPdfMandate: MR_WS_2.58 vs seed MR_WS_2.55',
      'mandate.searchMandate: MR_WS_2.58 vs seed MR_WS_2.55',
      'wallet.addDirectDebit: WR_WS_2.58 vs seed WR_WS_2.55',
      'wallet.getPaymentMeanData: WR_WS_2.58 vs seed WR_WS_2.55',
      'wallet.updatePaymentMean: WR_WS_2.58 vs seed WR_WS_2.55',
    ]);
  });
});

describe('code fields and the dictionary', () => {
  test.each(operations.map((o) => [`${o.service}.${o.name}`, o] as const))(
    '%s: its code field is an enum whose every value is classified',
    (_name, operation) => {
      expect(operation.codeField).toBeDefined();
      const field = operation.schema.structs[operation.response]!.fields.find((f) => f.name === operation.codeField);
      expect(field).toBeDefined();
      const type = field!.type as { enum: string };
      const codes = operation.schema.enums[type.enum]!;
      expect(codes.codes.filter(([, , outcome]) => !outcome).map(([value]) => value)).toEqual([]);
      expect(codes.codes.find(([value]) => value === '00')?.[2]).toBe('success');
    },
  );

  test('every value of every enum has a meaning, and every field a description', () => {
    const model = loadModel(['wsdl']);
    const noMeaning = model.enums.flatMap((e) => e.values.filter((v) => !v.meaning).map((v) => `${e.name}.${v.value}`));
    expect(noMeaning).toEqual([]);
    const noDescription = model.structs.flatMap((s) =>
      s.fields.filter((f) => !f.description).map((f) => `${s.name}.${f.name}`),
    );
    expect(noDescription).toEqual([]);
  });

  test('every operation is marked documented, partly documented or inferred, with its sources', () => {
    const model = loadModel(['wsdl']);
    for (const service of model.services) {
      for (const operation of service.operations) {
        expect([operation.name, operation.status]).toEqual([
          operation.name,
          expect.stringMatching(/^(documented|partly documented|inferred)$/),
        ]);
        expect(operation.sources?.length).toBeGreaterThan(0);
        if (operation.status === 'inferred') expect(operation.inference).toBeTruthy();
        // A partly documented operation says which part is documented and which is inferred.
        if (operation.status === 'partly documented')
          expect([operation.name, operation.inference ?? operation.note]).toEqual([operation.name, expect.any(String)]);
      }
    }
  });
});

test(
  'the operations table in wsdl/README.md is current (refresh: node scripts/ts-run.js ' +
    'scripts/contract-summary.ts --write)',
  async () => {
    const { operationsTable, refreshReadme } = await import('../../scripts/contract-summary');
    const readme = fs.readFileSync('wsdl/README.md', 'utf8');
    expect(refreshReadme(readme, operationsTable(loadModel(['wsdl'])))).toBe(readme);
  },
);
