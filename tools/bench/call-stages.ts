// The cardOrder call and its stages, callable alone, for call-cpu (CPU time) and instructions-child.ts (instructions):
// createClient with a stub transport answering fresh stamped copies of the canned reply, and each step the client runs
// between the typed request and the typed result, on the same request and reply. Loads neither node-soap nor the
// simulator (the instructions child runs under callgrind, where loading costs minutes).
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
import { MERCHANT, stampedReplies, type Fixtures, type MessageFixture } from './fixtures';

export type Call = () => Promise<unknown>;

export async function oursCalls(
  fixtures: Fixtures,
  /** Stamped copies of each reply: more than the calls the caller makes, so none is ever seen twice. */
  copies: number,
): Promise<{ calls: Record<string, Call>; close: () => void }> {
  // A stamped reply is accepted once per client (issue 19): each call gets its own copy, stamped and sealed before
  // measuring.
  const replies = new Map(
    Object.values(fixtures).map((f: MessageFixture) => [
      `${f.operation.service}.${f.operation.name}`,
      stampedReplies(f.reply, 'soap', copies),
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
  // A day's freshness window: the copies are stamped before the warm-up, which under callgrind on a loaded machine can
  // outlast the default five minutes; the check runs alike (one comparison of instants).
  const client = createClient({
    ...MERCHANT,
    environment: 'http://127.0.0.1:9',
    transport,
    retry: false,
    replyMaxAgeMs: 24 * 3_600_000,
  });
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

/** The stages of one cardOrder, each callable alone on the same request and reply (see oursStages). */
export interface Stages {
  /** The synchronous stages, in the client's order; `outcome` includes its `coerce` (count it alone by difference). */
  readonly sync: Readonly<Record<string, () => unknown>>;
  /** The stub transport's `post`, awaited. */
  readonly transport: () => Promise<unknown>;
}

/**
 * The steps the client runs between the typed request and the typed result, in its order, each callable alone on the
 * same request and the same (freshly stamped, sealed) reply the call-cpu loop answers with. Their sum is the call's
 * floor: the call less this sum is what the composition costs (promises, deadline, diagnostics checks, memory, GC).
 */
export function stageFunctions(fixture: MessageFixture): Stages {
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
  return {
    sync: {
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
    },
    transport: () => transport.post(postOptions),
  };
}
