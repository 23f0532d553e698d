// call-cpu: CPU per call with no network. Ours: the typed method through createClient with a transport that
// answers the canned sealed reply (validate, seal, serialise, parse, verify the reply seal, coerce, outcome).
// node-soap: client.<op>Async on a client made from the same WSDL with an httpClient stub answering the
// same canned reply (schema-guided build of the envelope, sax parse and coercion); node-soap neither seals
// nor verifies, so it is given the request with the seal already computed.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as soap from 'soap';
import { oursCalls, stageFunctions, type Call } from './call-stages';
import { callgrindProblem, countWindows } from './instructions';
import { BENCH_DIR, fmt, log, measure, median, row, spread, WSDL_DIR, type Result } from './lib';
import type { Fixtures, MessageFixture } from './fixtures';

const BATCH = 2000;
const ROUNDS = 7;
const WARMUP_CALLS = 3000;
/** More copies than the client remembers (4,096) and than one run makes calls: none is ever seen twice. */
const STAMPED_COPIES = WARMUP_CALLS + ROUNDS * BATCH + 16;

/** Per-call CPU (µs) and wall (µs) of `call`, median over interleaved rounds. */
async function interleaved(calls: Record<string, Call>): Promise<Record<string, { cpu: number[]; wall: number[] }>> {
  const out: Record<string, { cpu: number[]; wall: number[] }> = {};
  for (const [name, call] of Object.entries(calls)) {
    for (let i = 0; i < WARMUP_CALLS; i++) await call();
    out[name] = { cpu: [], wall: [] };
  }
  for (let round = 0; round < ROUNDS; round++) {
    for (const [name, call] of Object.entries(calls)) {
      const { cpuUs, wallMs } = await measure(async () => {
        for (let i = 0; i < BATCH; i++) await call();
      });
      out[name]!.cpu.push(cpuUs / BATCH);
      out[name]!.wall.push((wallMs * 1000) / BATCH);
    }
  }
  return out;
}

async function nodeSoapClient(fixture: MessageFixture): Promise<soap.Client> {
  const httpClient = {
    request(_url: string, _data: string, callback: (error: unknown, response: unknown, body: string) => void) {
      const body = fixture.reply;
      queueMicrotask(() =>
        callback(
          null,
          { status: 200, statusCode: 200, headers: { 'content-type': 'text/xml; charset=utf-8' }, data: body },
          body,
        ),
      );
      return {};
    },
  };
  return soap.createClientAsync(
    `${WSDL_DIR}/${fixture.operation.service}.wsdl`,
    { httpClient } as unknown as soap.IOptions,
    `http://127.0.0.1:9/services/v2/${fixture.operation.service}`,
  );
}

export async function nodeSoapCalls(fixtures: Fixtures): Promise<Record<string, Call>> {
  const checkout = (await nodeSoapClient(fixtures.cardOrder)) as unknown as Record<
    string,
    (args: unknown) => Promise<[Record<string, Record<string, unknown>>]>
  >;
  const diagnostic = (await nodeSoapClient(fixtures.getTransactionData)) as unknown as Record<
    string,
    (args: unknown) => Promise<[Record<string, Record<string, unknown>>]>
  >;
  const orderArgs = fixtures.cardOrder.soapArgs;
  const lookupArgs = fixtures.getTransactionData.soapArgs;
  const [order] = await checkout.cardOrderAsync!(orderArgs);
  if (order.output?.responseCode !== '00') throw new Error('node-soap: unexpected cardOrder result');
  const [data] = await diagnostic.getTransactionDataAsync!(lookupArgs);
  if (Number(data.output?.currentAmount) !== 2500) throw new Error('node-soap: unexpected getTransactionData result');
  return {
    cardOrder: () => checkout.cardOrderAsync!(orderArgs),
    getTransactionData: () => diagnostic.getTransactionDataAsync!(lookupArgs),
  };
}

/**
 * Where our CPU goes, stage by stage, for one cardOrder (µs, median of rounds of tight loops), each stage of
 * stageFunctions run alone.
 */
export async function oursStages(fixture: MessageFixture): Promise<Record<string, number>> {
  const { sync, transport } = stageFunctions(fixture);
  const out: Record<string, number> = {};
  // CPU time (process.cpuUsage, user + system), as the call itself is measured: wall time would count the other work of
  // a shared machine.
  const time = async (stage: () => unknown, n: number, isAsync: boolean): Promise<number> => {
    const started = process.cpuUsage();
    if (isAsync) for (let i = 0; i < n; i++) await stage();
    else for (let i = 0; i < n; i++) stage();
    const used = process.cpuUsage(started);
    return (used.user + used.system) / n;
  };
  const stages: [string, () => unknown, boolean][] = [
    ...Object.entries(sync).map(([name, stage]): [string, () => unknown, boolean] => [name, stage, false]),
    ['transport', transport, true],
  ];
  for (const [name, stage, isAsync] of stages) {
    const n = 5000;
    await time(stage, n, isAsync);
    const rounds: number[] = [];
    for (let r = 0; r < 5; r++) rounds.push(await time(stage, n, isAsync));
    out[name] = median(rounds);
  }
  // outcome was timed with its coerce: count it alone.
  out.outcome = Math.max(0, out.outcome! - out.coerce!);
  return out;
}

const STAGE_CALLS = 2000;
const STAGE_WARMUP = 2500;
/**
 * Iterations of each stage before its window (its own closure's JIT tiers): with 300 the stages' counts still held
 * their compilation (seal 58.8 k instructions against 41.8 k after 2000).
 */
const STAGE_OWN_WARMUP = 2000;

/**
 * Instructions per cardOrder (its collections included: the garbage the composition makes is its cost) and per stage
 * (the lower of its two windows), from instructions-child.ts under callgrind; or why they cannot be counted.
 */
async function stageInstructions(
  fixtures: Fixtures,
  tmp: string,
): Promise<{ call: number; callGc: number; sum: number; stages: Map<string, number> } | { problem: string }> {
  const problem = callgrindProblem();
  if (problem) return { problem };
  log(`call-cpu-stages: instructions of the call and of each stage under callgrind (about two minutes)`);
  const spec = path.join(tmp, 'instructions-spec.json');
  const replies = { cardOrder: fixtures.cardOrder.reply, getTransactionData: fixtures.getTransactionData.reply };
  fs.writeFileSync(
    spec,
    JSON.stringify({ replies, calls: STAGE_CALLS, warmup: STAGE_WARMUP, stageWarmup: STAGE_OWN_WARMUP }),
  );
  const counts = await countWindows(path.join(BENCH_DIR, 'instructions-child.ts'), [spec], tmp);
  const half = Math.ceil(STAGE_CALLS / 2);
  const stages = new Map<string, number>();
  for (const [window, count] of counts) {
    const name = window.replace(/#\d$/, '');
    if (name === 'call') continue;
    stages.set(name, Math.min(stages.get(name) ?? Infinity, count.instructions / half));
  }
  // outcome ran with its coerce: count it alone.
  stages.set('outcome', Math.max(0, stages.get('outcome')! - stages.get('coerce')!));
  const call = counts.get('call')!;
  return {
    call: call.instructions / STAGE_CALLS,
    callGc: call.gc / STAGE_CALLS,
    sum: [...stages.values()].reduce((a, b) => a + b, 0),
    stages,
  };
}

export async function runCallCpu(fixtures: Fixtures, tmp: string): Promise<Result[]> {
  log('call-cpu: ours and node-soap, canned replies, no network');
  const ours = await oursCalls(fixtures, STAMPED_COPIES);
  const theirs = await nodeSoapCalls(fixtures);
  const measured = await interleaved({
    'ours.cardOrder': ours.calls.cardOrder!,
    'node-soap.cardOrder': theirs.cardOrder!,
    'ours.getTransactionData': ours.calls.getTransactionData!,
    'node-soap.getTransactionData': theirs.getTransactionData!,
  });
  ours.close();
  const cpu = (key: string): number => median(measured[key]!.cpu);
  const wall = (key: string): number => median(measured[key]!.wall);
  const oursPair = cpu('ours.cardOrder') + cpu('ours.getTransactionData');
  const theirsPair = cpu('node-soap.cardOrder') + cpu('node-soap.getTransactionData');
  const stages = await oursStages(fixtures.cardOrder);
  const stageSum = Object.values(stages).reduce((a, b) => a + b, 0);
  const counted = await stageInstructions(fixtures, tmp);
  const details = [
    ...['cardOrder', 'getTransactionData'].map(
      (op) =>
        `${op}: ours ${fmt(cpu(`ours.${op}`))} µs CPU (rounds ${spread(measured[`ours.${op}`]!.cpu)}, wall ` +
        `${fmt(wall(`ours.${op}`))}), ` +
        (`node-soap ${fmt(cpu(`node-soap.${op}`))} µs CPU (rounds ${spread(measured[`node-soap.${op}`]!.cpu)}` +
          `, wall ${fmt(wall(`node-soap.${op}`))}), ratio ${fmt(cpu(`ours.${op}`) / cpu(`node-soap.${op}`), 2)}`),
    ),
  ];
  const callCpu = row({
    name: 'call-cpu',
    ours: Number(fmt(oursPair, 2)),
    baseline: Number(fmt(theirsPair, 2)),
    unit: 'us',
    goal: 0.5,
    includes:
      `CPU µs (user+system, process.cpuUsage) for one cardOrder plus one getTransactionData, request object to ` +
      `typed result, no network; median of ${ROUNDS} interleaved rounds of ${BATCH} calls after ${WARMUP_CALLS}` +
      ` warm-up calls. Ours also seals the request and verifies the reply seal (HMAC-SHA-256); node-soap gets ` +
      `the seal precomputed and verifies nothing.`,
    details,
  });
  const cpuStages =
    `CPU µs (process.cpuUsage, median of 5 rounds of 5000 per stage): ` +
    `${Object.entries(stages)
      .map(([k, v]) => `${k} ${fmt(v, 2)}`)
      .join(', ')}; sum ${fmt(stageSum, 2)}; the call ${fmt(cpu('ours.cardOrder'), 2)} µs: ` +
    `${fmt(cpu('ours.cardOrder') / stageSum, 2)} ×`;
  const stagesRow =
    'problem' in counted
      ? row({
          name: 'call-cpu-stages',
          ours: Number(fmt(cpu('ours.cardOrder'), 2)),
          baseline: Number(fmt(stageSum, 2)),
          unit: 'us',
          goal: 1.5,
          includes:
            `(CPU time: instructions cannot be counted here, ${counted.problem}.) ours: CPU µs of one cardOrder ` +
            `through client.checkout.cardOrder (stub transport answering a stamped sealed reply). Baseline: the sum ` +
            `of the same call's stages, each timed alone in a tight loop. The ratio is what composing them costs.`,
          details: [cpuStages],
        })
      : row({
          name: 'call-cpu-stages',
          ours: Number(fmt(counted.call / 1000, 1)),
          baseline: Number(fmt(counted.sum / 1000, 1)),
          unit: 'k instr',
          goal: 1.5,
          includes:
            `ours: the instructions of one cardOrder through client.checkout.cardOrder (typed request to typed ` +
            `result, stub transport answering a stamped sealed reply, as call-cpu). Baseline: the sum of the same ` +
            `call's stages, each run alone on the same request and reply: ${[...counted.stages.keys()].join(', ')}. ` +
            `Counted by callgrind in one process (node --single-threaded --predictable: V8's compiler and GC on the ` +
            `main thread, counted): the call in one window of ${STAGE_CALLS} after ${STAGE_WARMUP} warm-up calls, ` +
            `its garbage collections included; each stage after ${STAGE_OWN_WARMUP} iterations of its own, the lower ` +
            `of two windows of ${Math.ceil(STAGE_CALLS / 2)}. The count is the same for the same fixtures (each ` +
            `bench run captures its own: a few percent apart), CPU time is not. The ratio is what composing the ` +
            `stages costs (async steps, deadline, merchant and reference steps, exchange memory, diagnostics checks, ` +
            `the garbage of all of it).`,
          details: [
            `k instructions per stage (the lower of two windows of ${Math.ceil(STAGE_CALLS / 2)}): ` +
              `${[...counted.stages].map(([k, v]) => `${k} ${fmt(v / 1000, 1)}`).join(', ')}; the call's own ` +
              `garbage collections ${fmt(counted.callGc / 1000, 1)} k of its ${fmt(counted.call / 1000, 1)} k`,
            cpuStages,
          ],
        });
  return [callCpu, stagesRow];
}
