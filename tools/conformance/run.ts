// `make conformance`: the generator and the runtime over node-soap's corpus (../shared/corpus/node-soap),
// read in place. Prints the pass rates and every remaining failure with its cause; exits 1 on a crash,
// on a pass rate under 95%, or when the results differ from expected-failures.json (a new failure, or a
// listed one that now passes and should leave the list).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as soap from 'soap';
import { formatWarning } from '../../codegen';
import { CORPUS_DIR, findCorpus, outputId, type Corpus } from './corpus';
import { compileAll, generateOne, type GenerationResult } from './generation';
import { QUIRKS, type QuirkId } from './node-soap-json';
import { runSample, type SampleResult } from './samples';

const TMP = '.tmp/conformance';
const OUT = 'out';
const MINIMUM_RATE = 0.95;

export interface ExpectedFailures {
  readonly wsdl: Readonly<Record<string, string>>;
  readonly request: Readonly<Record<string, string>>;
  readonly response: Readonly<Record<string, string>>;
}

/** Whether node-soap loads each WSDL (the corpus is node-soap's: what it cannot load is not counted). */
async function nodeSoapLoads(wsdls: readonly string[]): Promise<Map<string, string | undefined>> {
  const out = new Map<string, string | undefined>();
  for (const wsdl of wsdls) {
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        soap.createClientAsync(path.resolve(wsdl)),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error('timed out after 5 s')), 5000);
        }),
      ]);
      out.set(wsdl, undefined);
    } catch (error) {
      out.set(wsdl, (error as Error).message.split('\n')[0]);
    } finally {
      clearTimeout(timer);
    }
  }
  return out;
}

const pct = (n: number, d: number): string => (d === 0 ? '-' : `${((100 * n) / d).toFixed(1)}%`);

export async function main(argv: readonly string[]): Promise<number> {
  const corpusArg = argv.indexOf('--corpus');
  const corpusRoot = corpusArg >= 0 ? argv[corpusArg + 1]! : CORPUS_DIR;
  const corpus = findCorpus(corpusRoot);
  if (!corpus) {
    console.log(
      `conformance: SKIPPED: no node-soap corpus at ${corpusRoot}` +
        ` (expected ../shared/corpus/node-soap beside this repository)`,
    );
    return 0;
  }
  const started = Date.now();
  fs.rmSync(TMP, { recursive: true, force: true });
  fs.mkdirSync(path.join(TMP, OUT), { recursive: true });
  const loads = await nodeSoapLoads(corpus.wsdls);
  const loaded = Date.now();

  // Generated files import the runtime's descriptor types from src/runtime/ through a relative path.
  const runtime = path.posix.join(path.posix.relative(path.posix.join(TMP, OUT, 'x'), 'src/runtime'), 'descriptor');
  const results = corpus.wsdls.map((wsdl) =>
    generateOne(wsdl, outputId(corpus.root, wsdl), path.join(TMP, OUT), runtime),
  );
  const generatedAt = Date.now();
  const compile = compileAll(TMP, OUT, results);
  const compiledAt = Date.now();

  // Schema copies (repaired corpus schemas) live outside the repository and go away unless --keep.
  const xsdTmp = fs.mkdtempSync(path.join(os.tmpdir(), 'conformance-xsd-'));
  const keep = argv.includes('--keep');
  const byWsdl = new Map(results.map((r) => [r.wsdl, r]));
  let samples: SampleResult[];
  try {
    samples = corpus.samples.map((sample) => {
      const generation = byWsdl.get(sample.wsdl);
      const usable = generation?.status === 'generated' && !generation.compileErrors ? generation.model : undefined;
      try {
        return runSample(
          sample,
          usable,
          generation?.message ?? (generation?.compileErrors ? 'generated code does not compile' : undefined),
          xsdTmp,
        );
      } catch (error) {
        const detail = `CRASH ${(error as Error).name}: ${(error as Error).message}`;
        return {
          id: sample.id,
          request: { status: 'error', detail },
          response: { status: 'error', detail },
          quirks: [],
        };
      }
    });
  } finally {
    if (keep) console.log(`schema sets and payloads kept in ${xsdTmp}`);
    else fs.rmSync(xsdTmp, { recursive: true, force: true });
  }
  const finished = Date.now();

  const expected = JSON.parse(
    fs.readFileSync(path.join(__dirname, 'expected-failures.json'), 'utf8'),
  ) as ExpectedFailures;
  const lines = report(corpus, loads, results, compile, samples, expected);
  lines.push(
    '',
    `time: ${((finished - started) / 1000).toFixed(1)} s (node-soap load ` +
      `${((loaded - started) / 1000).toFixed(1)} s, generate ${((generatedAt - loaded) / 1000).toFixed(1)} s, ` +
      (`compile ${((compiledAt - generatedAt) / 1000).toFixed(1)} s, samples ` +
        `${((finished - compiledAt) / 1000).toFixed(1)} s)`),
    `generated code: ${TMP}/${OUT}/<wsdl>/; recompile with: npx tsc -p ${TMP}/tsconfig.json`,
  );
  const verdict = gate(corpus, loads, results, compile.outside, samples, expected);
  console.log([...lines, '', ...verdict.messages].join('\n'));
  return verdict.ok ? 0 : 1;
}

const short = (corpus: Corpus, wsdl: string): string => path.posix.relative(corpus.root, wsdl);

function wsdlFailure(result: GenerationResult): string | undefined {
  if (result.status === 'refused') return `refused: ${result.message}`;
  if (result.status === 'crashed') return `CRASH: ${result.message}`;
  if (result.compileErrors)
    return `does not compile (${result.compileErrors.length} errors): ${result.compileErrors[0]}`;
  return undefined;
}

function report(
  corpus: Corpus,
  loads: Map<string, string | undefined>,
  results: readonly GenerationResult[],
  compile: { diagnostics: number; outside: string[] },
  samples: readonly SampleResult[],
  expected: ExpectedFailures,
): string[] {
  const counted = results.filter((r) => loads.get(r.wsdl) === undefined);
  const generated = counted.filter((r) => r.status === 'generated');
  const compiled = generated.filter((r) => !r.compileErrors);
  const withWarnings = compiled.filter((r) => r.warnings.length > 0);
  const crashes = results.filter((r) => r.status === 'crashed');
  const requests = samples.filter((s) => s.request.status === 'valid');
  const rightlyRefused = samples.filter((s) => s.request.status === 'refused' && s.request.nodeSoap?.valid === false);
  const nodeSoapValid = samples.filter((s) => s.request.nodeSoap?.valid === true);
  const nodeSoapChecked = samples.filter((s) => s.request.nodeSoap);
  const repaired = samples.filter((s) => (s.request.repairs?.length ?? 0) > 0);
  const withResponse = samples.filter((s) => s.response);
  const responses = withResponse.filter((s) => s.response!.status === 'match');
  const lines = [
    `node-soap corpus conformance (${corpus.root}, read in place)`,
    '',
    'WSDLs',
    `  tried                          ${results.length}`,
    `  node-soap loads                ${counted.length}   (the other ${results.length - counted.length}` +
      ` fail in node-soap too; tried anyway, not counted)`,
    `  generated                      ${generated.length}`,
    `  compiled, tsc --strict         ${compiled.length}   (one program, ` +
      `${compiled.reduce((n, r) => n + r.files, 0)} files; ${withWarnings.length}` +
      ` with warnings, counted by construct below)`,
    `  pass rate                      ${pct(compiled.length, counted.length)} of what node-soap loads (bar: ` +
      `${MINIMUM_RATE * 100}%)`,
    `  crashes                        ${crashes.length}`,
    '',
    `Samples (${samples.length} request/response folders)`,
    `  request envelope schema-valid  ${requests.length}/${samples.length}   (` +
      `${pct(requests.length, samples.length)}; xmllint --schema on our payload)`,
    `    refused before sending        ${rightlyRefused.length}` +
      `   where node-soap's own request.xml fails the same schema too (request.json does not fit its WSDL)`,
    `    for comparison: node-soap's request.xml is schema-valid in ${nodeSoapValid.length}/` +
      `${nodeSoapChecked.length} samples whose schema loads`,
    `    schema slips repaired so xmllint loads the corpus schemas: ${repaired.length} samples (` +
      `${[...new Set(repaired.flatMap((s) => s.request.repairs!))].join('; ')})`,
    `  response read as response.json ${responses.length}/${withResponse.length}   (` +
      `${pct(responses.length, withResponse.length)}; ${samples.length - withResponse.length}` +
      ` samples have no response pair)`,
    '',
    'Remaining WSDL failures (every one, with its cause)',
  ];
  for (const result of results) {
    const failure = wsdlFailure(result);
    if (!failure) continue;
    const notLoaded = loads.get(result.wsdl);
    lines.push(
      `  ${short(corpus, result.wsdl)}${notLoaded ? ' [node-soap fails too: ' + notLoaded + ']' : ''}`,
      `      ${failure}`,
    );
    const why = expected.wsdl[short(corpus, result.wsdl)];
    if (why) lines.push(`      why: ${why}`);
  }
  for (const line of compile.outside) lines.push(`  (outside any output) ${line}`);
  lines.push('', 'Remaining sample failures (every one, with its cause)');
  for (const sample of samples) {
    if (sample.request.status !== 'valid') {
      const theirs = sample.request.nodeSoap;
      const oracle = theirs
        ? theirs.valid
          ? " [node-soap's request.xml is schema-valid]"
          : ` [node-soap's request.xml fails the schema too: ${theirs.detail ?? ''}]`
        : '';
      lines.push(`  request  ${sample.id}: ${sample.request.status}: ${sample.request.detail ?? ''}${oracle}`);
      if (expected.request[sample.id]) lines.push(`      why: ${expected.request[sample.id]}`);
    }
    if (sample.response && sample.response.status !== 'match') {
      lines.push(`  response ${sample.id}: ${sample.response.status}: ${sample.response.detail ?? ''}`);
      if (expected.response[sample.id]) lines.push(`      why: ${expected.response[sample.id]}`);
    }
  }
  lines.push('', 'node-soap quirks our results differ on (samples that needed each allowance)');
  for (const [id, text] of Object.entries(QUIRKS) as [QuirkId, string][]) {
    const affected = samples.filter((s) => s.quirks.includes(id));
    if (affected.length > 0) lines.push(`  ${id} (${affected.length}): ${text}`);
  }
  const byConstruct = new Map<string, { warnings: number; wsdls: number }>();
  for (const result of compiled) {
    for (const construct of new Set(result.warnings.map((w) => `${w.construct} (${w.kind})`))) {
      const entry = byConstruct.get(construct) ?? { warnings: 0, wsdls: 0 };
      entry.wsdls++;
      entry.warnings += result.warnings.filter((w) => `${w.construct} (${w.kind})` === construct).length;
      byConstruct.set(construct, entry);
    }
  }
  lines.push(
    '',
    `Warnings by construct (${compiled.reduce((n, r) => n + r.warnings.length, 0)} in ${withWarnings.length}` +
      ` compiled WSDLs: broken references, and constructs read but not represented)`,
  );
  for (const [construct, { warnings, wsdls }] of [...byConstruct].sort(
    (a, b) => b[1].warnings - a[1].warnings || (a[0] < b[0] ? -1 : 1),
  )) {
    lines.push(`  ${construct.padEnd(52)} ${String(warnings).padStart(5)} warning(s) in ${wsdls} WSDL(s)`);
  }
  if (withWarnings.length > 0) {
    lines.push('', 'Generated with warnings (broken references or constructs not represented; the first of each)');
    for (const result of withWarnings) {
      const first = formatWarning(result.warnings[0]!).replace(`${corpus.root}/`, '');
      lines.push(
        `  ${short(corpus, result.wsdl)}: ${result.warnings.length} warning(s), e.g. ` +
          `${first.length > 220 ? `${first.slice(0, 220)}...` : first}`,
      );
    }
  }
  return lines;
}

function gate(
  corpus: Corpus,
  loads: Map<string, string | undefined>,
  results: readonly GenerationResult[],
  outside: readonly string[],
  samples: readonly SampleResult[],
  expected: ExpectedFailures,
): { ok: boolean; messages: string[] } {
  const messages: string[] = [];
  const counted = results.filter((r) => loads.get(r.wsdl) === undefined);
  const passed = counted.filter((r) => !wsdlFailure(r)).length;
  if (results.some((r) => r.status === 'crashed') || samples.some((s) => s.request.detail?.startsWith('CRASH')))
    messages.push('FAIL: a crash (see CRASH above)');
  if (passed < MINIMUM_RATE * counted.length)
    messages.push(
      `FAIL: ${passed}/${counted.length} WSDLs generate compiling code, under the ${MINIMUM_RATE * 100}% bar`,
    );
  if (outside.length > 0) messages.push('FAIL: compile errors outside the generated folders (the runtime types?)');
  const check = (kind: keyof ExpectedFailures, id: string, failed: boolean): void => {
    const listed = expected[kind][id] !== undefined;
    if (failed && !listed)
      messages.push(
        `FAIL: new ${kind} failure: ${id}` +
          ` (fix it, or list it with its cause in tools/conformance/expected-failures.json)`,
      );
    if (!failed && listed)
      messages.push(`FAIL: ${kind} ${id} now passes: remove it from tools/conformance/expected-failures.json`);
  };
  for (const result of results) check('wsdl', short(corpus, result.wsdl), wsdlFailure(result) !== undefined);
  for (const sample of samples) {
    check('request', sample.id, sample.request.status !== 'valid');
    if (sample.response) check('response', sample.id, sample.response.status !== 'match');
  }
  if (messages.length === 0) messages.push('conformance: OK (results match tools/conformance/expected-failures.json)');
  return { ok: messages.every((m) => !m.startsWith('FAIL')), messages };
}
