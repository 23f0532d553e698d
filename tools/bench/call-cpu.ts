// call-cpu: CPU per call with no network. Ours: the typed method through createClient with a transport that
// answers the canned sealed reply (validate, seal, serialise, parse, verify the reply seal, coerce, outcome).
// node-soap: client.<op>Async on a client made from the same WSDL with an httpClient stub answering the
// same canned reply (schema-guided build of the envelope, sax parse and coercion); node-soap neither seals
// nor verifies, so it is given the request with the seal already computed.
import * as soap from 'soap';
import { createClient } from '../../src/runtime';
import { hashSealString, sealsMatch, sealString } from '../../src/runtime/seal';
import { buildEnvelope, readRecord, readReply as readWireReply } from '../../src/runtime/wire';
import { buildWireRecord, coerceRecord, structOf, type WireRecord } from '../../src/runtime/record';
import { versionNumber } from '../../src/runtime/version';
import { parseXml } from '../../src/runtime/wire/soap/xml';
import { errorFromReply, type FieldIssue } from '../../src/runtime/errors';
import {
  algorithmProblem,
  consistencyIssues,
  echoIssues,
  formatIssues,
  reflectionProblem,
  undeclaredElements,
} from '../../src/runtime/reply-checks';
import { bindingIssues, DEFAULT_REPLY_MAX_AGE_MS } from '../../src/runtime/reply-binding';
import type { Transport } from '../../src/runtime/transport';
import { fmt, log, measure, median, row, spread, WSDL_DIR, type Result } from './lib';
import { MERCHANT, stampedReplies, type Fixtures, type MessageFixture } from './fixtures';

type Call = () => Promise<unknown>;

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

export async function oursCalls(fixtures: Fixtures): Promise<{ calls: Record<string, Call>; close: () => void }> {
  // A stamped reply is accepted once per client (issue 19): each call gets its own copy, stamped and sealed before
  // measuring.
  const replies = new Map(
    Object.values(fixtures).map((f: MessageFixture) => [
      `${f.operation.service}.${f.operation.name}`,
      stampedReplies(f.reply, 'soap', STAMPED_COPIES),
    ]),
  );
  const turns = new Map<string, number>();
  const next = (operation: string): string => {
    const copies = replies.get(operation)!;
    const turn = turns.get(operation) ?? 0;
    turns.set(operation, turn + 1);
    return copies[turn % copies.length]!;
  };
  const transport: Transport = {
    post: (options) =>
      Promise.resolve({ status: 200, contentType: 'text/xml; charset=utf-8', body: next(options.operation) }),
    close() {},
  };
  const client = createClient({ ...MERCHANT, environment: 'http://127.0.0.1:9', transport, retry: false });
  const order = fixtures.cardOrder.request;
  const lookup = fixtures.getTransactionData.request;
  // Sanity: both replies verify and come back typed.
  const result = (await client.checkout.cardOrder(order as never)) as { responseCode: string; captureDay: unknown };
  if (result.responseCode !== '00' || result.captureDay !== 0) throw new Error('ours: unexpected cardOrder result');
  const data = (await client.diagnostic.getTransactionData(lookup as never)) as { currentAmount: unknown };
  if (data.currentAmount !== 2500) throw new Error('ours: unexpected getTransactionData result');
  return {
    calls: {
      cardOrder: () => client.checkout.cardOrder(order as never),
      getTransactionData: () => client.diagnostic.getTransactionData(lookup as never),
    },
    close: () => client.close(),
  };
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
 * Where our CPU goes, stage by stage, for one cardOrder (µs, median of rounds of tight loops), each stage run alone on
 * the same request and the same (freshly stamped, sealed) reply the call-cpu loop answers with: the steps the client
 * runs between the typed request and the typed result, in its order. Their sum is the call's floor: the call-cpu
 * figure less this sum is what the composition costs (promises, deadline, diagnostics checks, memory, GC of it all).
 */
export async function oursStages(fixture: MessageFixture): Promise<Record<string, number>> {
  const operation = fixture.operation;
  const schema = operation.schema;
  const requestStruct = structOf(schema, operation.request);
  const responseStruct = structOf(schema, operation.response);
  const full = {
    ...fixture.request,
    interfaceVersion: operation.recommendedInterfaceVersion,
    merchantId: MERCHANT.merchantId,
    keyVersion: MERCHANT.keyVersion,
  };
  // As the client's prepared operation has it: the struct's defaults (namespace, since-version) kept, so since-versions
  // are checked.
  const fields = { ...requestStruct, fields: requestStruct.fields.filter((f) => f.name !== 'seal') };
  const version = versionNumber(operation.recommendedInterfaceVersion!)!;
  const build = (): WireRecord => {
    const issues: FieldIssue[] = [];
    const wire = buildWireRecord(fields, full, { schema, issues, version });
    if (issues.length) throw new Error(JSON.stringify(issues));
    return wire;
  };
  const sent = build();
  sent.seal = hashSealString(sealString(sent), MERCHANT.secretKey);
  const reply = stampedReplies(fixture.reply, 'soap', 1)[0]!;
  const transport: Transport = {
    post: () => Promise.resolve({ status: 200, contentType: 'text/xml; charset=utf-8', body: reply }),
    close() {},
  };
  const postOptions = {
    url: 'http://127.0.0.1:9/services/v2/checkout',
    body: buildEnvelope(operation, sent),
    headers: {},
    timeoutMs: 30_000,
    maxResponseBytes: 1 << 20,
    operation: 'checkout.cardOrder',
  };
  const read = readWireReply(operation, reply);
  if (read.kind !== 'record' || read.content === undefined)
    throw new Error('stages: the reply is a fault or has no XML content');
  const wire = read.record;
  const content = read.content;
  const sentAt = Date.now();
  const exchange = { sent, sentAt, now: sentAt, maxAgeMs: DEFAULT_REPLY_MAX_AGE_MS };
  const checks = (): FieldIssue[] => [
    ...formatIssues(wire, responseStruct, schema),
    ...echoIssues(sent, wire),
    ...consistencyIssues(wire, operation),
  ];
  // The stages measure the accepting path: a reply with a problem would time the error path instead.
  const problems = [
    ...undeclaredElements(content, responseStruct, schema),
    ...checks().map((i) => i.field),
    ...bindingIssues(operation, exchange, wire).map((i) => i.field),
  ];
  if (problems.length > 0 || reflectionProblem(sent, wire) || algorithmProblem(wire, 'HMAC-SHA-256'))
    throw new Error(`stages: the reply does not pass the checks (${problems.join(', ')})`);
  if (!sealsMatch(hashSealString(sealString(wire), MERCHANT.secretKey), wire.seal as string))
    throw new Error('stages: the reply seal does not verify');
  const sync: Record<string, () => unknown> = {
    'validate+build': build,
    seal: () => hashSealString(sealString(sent), MERCHANT.secretKey),
    serialise: () => buildEnvelope(operation, sent),
    parse: () => parseXml(reply),
    read: () => readRecord(content, responseStruct, schema),
    undeclared: () => undeclaredElements(content, responseStruct, schema),
    reflection: () => reflectionProblem(sent, wire) ?? algorithmProblem(wire, 'HMAC-SHA-256'),
    verify: () => sealsMatch(hashSealString(sealString(wire), MERCHANT.secretKey), wire.seal as string),
    'format+echo': checks,
    binding: () => bindingIssues(operation, exchange, wire),
    coerce: () => coerceRecord(wire, responseStruct, schema),
    outcome: () => errorFromReply(operation, 'checkout.cardOrder', coerceRecord(wire, responseStruct, schema)),
  };
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
    ['transport', () => transport.post(postOptions), true],
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

export async function runCallCpu(fixtures: Fixtures): Promise<Result[]> {
  log('call-cpu: ours and node-soap, canned replies, no network');
  const ours = await oursCalls(fixtures);
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
  const stagesRow = row({
    name: 'call-cpu-stages',
    ours: Number(fmt(cpu('ours.cardOrder'), 2)),
    baseline: Number(fmt(stageSum, 2)),
    unit: 'us',
    goal: 1.5,
    includes:
      `ours: CPU µs of one cardOrder through client.checkout.cardOrder (the call-cpu figure: typed request to ` +
      `typed result, stub transport answering a stamped sealed reply). Baseline: the sum of the same call's ` +
      `stages, each timed alone in a tight loop (CPU µs, median of 5 rounds of 5000): ` +
      `${Object.keys(stages).join(', ')}` +
      `. The ratio is what composing them costs (async steps, deadline, merchant and reference steps, exchange ` +
      `memory, diagnostics checks, the garbage of all of it).`,
    details: [
      `ours, one cardOrder by stage (µs): ` +
        `${Object.entries(stages)
          .map(([k, v]) => `${k} ${fmt(v, 2)}`)
          .join(', ')}; sum ${fmt(stageSum, 2)}`,
    ],
  });
  return [callCpu, stagesRow];
}
