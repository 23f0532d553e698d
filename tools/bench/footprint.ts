// Footprint: what a merchant installs in production (the runtime package against node-soap, and the tools package
// for information), how many lines the generator writes (against wsdl-tsclient), and what our types cost a
// merchant's `tsc --noEmit` (a file calling three operations, against the same file without the client's import).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fmt, log, median, ROOT, row, runChild, SERVICES, spread, WSDL_DIR, type Result } from './lib';

interface Footprint {
  readonly packages: readonly string[];
  readonly kib: number;
}
// The one measure pack-check prints too (a plain script, so that pack-check's shell can run it).
const { installFootprint } = require('../../scripts/footprint.js') as {
  installFootprint: (project: string) => Footprint;
};

const TSC_RUNS = 9;
const TSC = path.join(ROOT, 'node_modules/typescript/bin/tsc');

/** npm, quiet, in `cwd`; its last output line. */
async function npm(cwd: string, args: readonly string[]): Promise<string> {
  const { stdout } = await runChild('npm', [...args, '--no-audit', '--no-fund', '--silent'], {
    cwd,
    timeoutMs: 300_000,
  });
  return stdout.trim().split('\n').pop() ?? '';
}

/** An empty npm project in tmp with `specs` installed as production dependencies. */
async function installInto(tmp: string, name: string, specs: readonly string[]): Promise<string> {
  const project = path.join(tmp, name);
  fs.mkdirSync(project, { recursive: true });
  fs.writeFileSync(path.join(project, 'package.json'), `${JSON.stringify({ name, private: true })}\n`);
  await npm(project, ['install', '--omit=dev', ...specs]);
  return project;
}

/** The two packed tarballs (packages/runtime and packages/tools, built), in tmp. */
async function packBoth(tmp: string): Promise<{ runtime: string; tools: string }> {
  const runtime = path.join(
    tmp,
    await npm(ROOT, ['pack', '--ignore-scripts', '--pack-destination', tmp, './packages/runtime']),
  );
  const tools = path.join(
    tmp,
    await npm(ROOT, ['pack', '--ignore-scripts', '--pack-destination', tmp, './packages/tools']),
  );
  return { runtime, tools };
}

export interface FootprintRun {
  readonly results: Result[];
  /** The project with the runtime alone installed: the tsc benchmark compiles a merchant file in it. */
  readonly runtimeProject: string;
}

/** Production installs: the runtime alone, node-soap alone (the baseline), the runtime with the tools. */
export async function runInstallFootprint(tmp: string): Promise<FootprintRun> {
  log('footprint: npm pack both packages, production installs into empty projects (and node-soap for the baseline)');
  const { runtime, tools } = await packBoth(tmp);
  const soapVersion = (require('soap/package.json') as { version: string }).version;
  const runtimeProject = await installInto(tmp, 'install-runtime', [runtime]);
  const ours = installFootprint(runtimeProject);
  const soap = installFootprint(await installInto(tmp, 'install-soap', [`soap@${soapVersion}`]));
  const withTools = installFootprint(await installInto(tmp, 'install-tools', [runtime, tools]));
  const tarball = (file: string): string => `${path.basename(file)} ${fmt(fs.statSync(file).size / 1024, 0)} KiB`;
  const includes = (what: string): string =>
    `${what}` +
    ` of a production install (npm install --omit=dev into an empty project; du -sk node_modules, npm's ` +
    `.package-lock.json included). Ours: the packed sogenactif-office alone; baseline: soap@${soapVersion}` +
    ` alone, which a merchant needs besides their own seal, errors and types.`;
  const results = [
    row({
      name: 'install-size',
      ours: ours.kib,
      baseline: soap.kib,
      unit: 'KiB',
      includes: includes('disk size'),
      details: [`tarballs: ${tarball(runtime)}, ${tarball(tools)}`],
    }),
    row({
      name: 'install-packages',
      ours: ours.packages.length,
      baseline: soap.packages.length,
      unit: 'packages',
      includes: includes('packages'),
      details: [`ours: ${ours.packages.join(', ')}`],
    }),
    row({
      name: 'tools-install-size',
      ours: withTools.kib,
      baseline: null,
      unit: 'KiB',
      includes:
        'for information: sogenactif-office + sogenactif-office-tools (CLI, generator, simulator), the install ' +
        'for `npx sogenactif ...` and the in-process simulator, usually a devDependency',
      details: [
        `${withTools.packages.length} packages, ` +
          `${withTools.packages.filter((name) => !name.startsWith('sogenactif-office')).length} besides ours`,
      ],
    }),
  ];
  return { results, runtimeProject };
}

function lines(file: string): number {
  const text = fs.readFileSync(file, 'utf8');
  return text.length === 0 ? 0 : text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
}

function tsFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const where = path.join(dir, entry.name);
    return entry.isDirectory() ? tsFiles(where) : entry.name.endsWith('.ts') ? [where] : [];
  });
}

/** Lines of the committed generated/ by kind of file, and in all, against wsdl-tsclient's output for the same WSDLs. */
export async function runGeneratedLines(tmp: string): Promise<Result[]> {
  log('footprint: lines of generated/ and of wsdl-tsclient output for the same nine WSDLs');
  const ours = tsFiles(path.join(ROOT, 'generated'));
  const byKind = (kind: string): number =>
    ours.filter((file) => path.basename(file) === `${kind}.ts`).reduce((sum, file) => sum + lines(file), 0);
  const total = ours.reduce((sum, file) => sum + lines(file), 0);
  const out = path.join(tmp, 'lines-wsdl-tsclient');
  const cli = path.join(ROOT, 'node_modules/wsdl-tsclient/dist/src/cli.js');
  await runChild(process.execPath, [
    '--no-warnings',
    cli,
    '--quiet',
    '-o',
    out,
    ...SERVICES.map((s) => path.join(WSDL_DIR, `${s}.wsdl`)),
  ]);
  const theirs = tsFiles(out);
  const theirTotal = theirs.reduce((sum, file) => sum + lines(file), 0);
  const kinds = ['schema', 'types', 'operations'].map((kind) =>
    row({
      name: `generated-lines-${kind}`,
      ours: byKind(kind),
      baseline: null,
      unit: 'lines',
      includes: `lines of the ${kind}.ts files of generated/ (all services and common)`,
      details: [],
    }),
  );
  return [
    ...kinds,
    row({
      name: 'generated-lines',
      ours: total,
      baseline: theirTotal,
      unit: 'lines',
      includes:
        `lines of every .ts file of generated/ (${ours.length}` +
        ` files: types, descriptors with field docs, clients); baseline: wsdl-tsclient's output for the same ` +
        `nine WSDLs (${theirs.length} files: types and node-soap client interfaces, no descriptors, no docs)`,
      details: [],
    }),
  ];
}

const CONFIG =
  "{ merchantId: '002001000000001', secretKey: process.env.KEY ?? '', keyVersion: 1, environment: 'TEST' }";
/** A merchant's file: three calls through the client. The baseline replaces the import with an untyped stand-in. */
function merchantFile(typed: boolean): string {
  return [
    typed ? `import { createClient } from 'sogenactif-office';` : `declare function createClient(config: object): any;`,
    'declare const process: { env: Record<string, string | undefined> };',
    `const client = createClient(${CONFIG});`,
    'export async function pay(reference: string): Promise<string | undefined> {',
    `  const order = await client.checkout.cardOrder({ amount: 2500, currencyCode: '978', cardNumber: ` +
      `'4200000000000000', cardExpiryDate: '203012', orderChannel: 'INTERNET', captureDay: 2, ` +
      `transactionReference: reference });`,
    '  const data = await client.diagnostic.getTransactionData({ transactionReference: order.transactionReference! });',
    `  const { mandateList = [] } = await client.mandate.searchMandate({ customerId: 'CUST-0001' });`,
    '  return `${data.transactionStatus} ${mandateList.length}`;',
    '}',
    '',
  ].join('\n');
}

/** `tsc --noEmit` wall time on the merchant file, with the client's types and without, in the installed project. */
export async function runTscCost(project: string): Promise<Result> {
  log(
    `tsc-cost: tsc --noEmit on a merchant file with and without the client's import, ${TSC_RUNS}` +
      ` fresh runs each, interleaved`,
  );
  const sides = { typed: path.join(project, 'typed'), untyped: path.join(project, 'untyped') };
  for (const [side, dir] of Object.entries(sides)) {
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'merchant.ts'), merchantFile(side === 'typed'));
    // What `tsc --init` writes, strict and skipLibCheck, on a CommonJS project; no @types packages.
    const compilerOptions = {
      strict: true,
      target: 'ES2022',
      module: 'commonjs',
      moduleResolution: 'node',
      skipLibCheck: true,
      types: [],
      noEmit: true,
    };
    fs.writeFileSync(
      path.join(dir, 'tsconfig.json'),
      `${JSON.stringify({ compilerOptions, files: ['merchant.ts'] })}\n`,
    );
  }
  const ms: Record<string, number[]> = { typed: [], untyped: [] };
  const own: Record<string, number[]> = { typed: [], untyped: [] };
  const summary: Record<string, string> = {};
  for (let run = 0; run <= TSC_RUNS; run++) {
    for (const [side, dir] of Object.entries(sides)) {
      const { stdout, wallMs } = await runChild(process.execPath, [TSC, '-p', dir, '--extendedDiagnostics'], {
        cwd: dir,
      });
      const pick = (label: string): string => stdout.match(new RegExp(`^${label}:\\s+(.+)$`, 'm'))?.[1]?.trim() ?? '?';
      summary[side] =
        `${pick('Files')} files, ${pick('Lines of Definitions')} lines of declarations, memory ` +
        `${pick('Memory used')}`;
      if (run === 0) continue;
      ms[side]!.push(wallMs);
      own[side]!.push(Number.parseFloat(pick('Total time')) * 1000);
    }
  }
  const typed = median(ms.typed!);
  const untyped = median(ms.untyped!);
  return row({
    name: 'tsc-cost',
    ours: Number(fmt(typed, 0)),
    baseline: Number(fmt(untyped, 0)),
    unit: 'ms',
    includes:
      `wall ms of a fresh \`tsc --noEmit\` (TypeScript ` +
      `${(require('typescript/package.json') as { version: string }).version}` +
      `, strict, skipLibCheck) on a merchant file calling cardOrder, getTransactionData and searchMandate ` +
      `through createClient from the installed runtime package; baseline: the same file with the import ` +
      `replaced by an untyped createClient; median of ${TSC_RUNS}` +
      ` interleaved runs. ours - baseline is what our types add to a merchant's build: ` +
      `${fmt(typed - untyped, 0)} ms`,
    details: [
      `runs (ms): with our types ${spread(ms.typed!, 0)}, without ${spread(ms.untyped!, 0)}`,
      `tsc's own Total time (--extendedDiagnostics: Node and tsc start-up excluded), median: with our types ` +
        `${fmt(median(own.typed!), 0)} ms, without ${fmt(median(own.untyped!), 0)} ms`,
      `with our types: ${summary.typed}; without: ${summary.untyped}`,
    ],
  });
}
