// The messages every benchmark uses: a cardOrder and a getTransactionData, sent once through our client
// to the simulator, with the sealed replies it answered kept verbatim (canned replies for both clients).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createClient } from '../../src/runtime';
import { computeSeal, type SealValue } from '../../src/runtime/seal';
// The simulator itself loads only to capture (a child given the replies does not load it).
import { DEFAULT_MERCHANT } from '../../src/tools/simulator/dispatch';
import { createHttpTransport, type Transport } from '../../src/runtime/transport';
import { parseXml } from '../../src/runtime/wire/soap/xml';
import { cardOrderOperation, getTransactionDataOperation } from '../../generated';
import type { OperationDescriptor } from '../../src/runtime/descriptor';

export const MERCHANT = DEFAULT_MERCHANT;

export interface MessageFixture {
  readonly operation: OperationDescriptor;
  /** What a merchant passes to our typed method. */
  readonly request: Record<string, unknown>;
  /**
   * The same request as node-soap takes it: wrapped, with the fields our client adds (interface version, merchant, key
   * version, seal).
   */
  readonly soapArgs: Record<string, unknown>;
  /** The sealed reply the simulator answered, verbatim. */
  readonly reply: string;
  /** The reply's fields as text (for a server that serves it again). */
  readonly replyFields: Record<string, string>;
}

export interface Fixtures {
  readonly cardOrder: MessageFixture;
  readonly getTransactionData: MessageFixture;
}

export const CARD_ORDER_REQUEST = {
  amount: 2500,
  currencyCode: '978',
  cardNumber: '4200000000000000',
  cardExpiryDate: '203012',
  cardCSCValue: '123',
  orderChannel: 'INTERNET',
  captureMode: 'AUTHOR_CAPTURE',
  captureDay: 0,
  customerId: 'CUST-0001',
  customerIpAddress: '127.0.0.1',
  orderId: 'ORDER-42',
  transactionReference: 'BENCH-0001',
};

function soapArgsOf(operation: OperationDescriptor, request: Record<string, unknown>): Record<string, unknown> {
  const full: Record<string, unknown> = {
    ...request,
    interfaceVersion: operation.recommendedInterfaceVersion,
    merchantId: MERCHANT.merchantId,
    keyVersion: MERCHANT.keyVersion,
  };
  const sealed = { ...full, seal: computeSeal(full as Record<string, SealValue>, MERCHANT.secretKey) };
  return operation.requestWrapper ? { [operation.requestWrapper]: sealed } : sealed;
}

/** The flat fields of a reply's output element (both replies used here are flat). */
function replyFieldsOf(reply: string): Record<string, string> {
  const envelope = parseXml(reply);
  const payload = envelope.children.find((c) => c.local === 'Body')!.children[0]!;
  const output = payload.children[0]!;
  const fields: Record<string, string> = {};
  for (const child of output.children) {
    if (child.children.length > 0) throw new Error(`fixture reply is not flat: ${child.local}`);
    fields[child.local] = child.text;
  }
  return fields;
}

const LOOKUP_REQUEST = { transactionReference: CARD_ORDER_REQUEST.transactionReference };

/** The fixtures of replies captured earlier (a child process gets them from its parent as text). */
export function fixturesFromReplies(replies: Readonly<Record<keyof Fixtures, string>>): Fixtures {
  const fixture = (
    operation: OperationDescriptor,
    request: Record<string, unknown>,
    reply: string,
  ): MessageFixture => ({
    operation,
    request,
    soapArgs: soapArgsOf(operation, request),
    reply,
    replyFields: replyFieldsOf(reply),
  });
  return {
    cardOrder: fixture(cardOrderOperation, CARD_ORDER_REQUEST, replies.cardOrder),
    getTransactionData: fixture(getTransactionDataOperation, LOOKUP_REQUEST, replies.getTransactionData),
  };
}

export async function captureFixtures(): Promise<Fixtures> {
  const { startSimulator } = await import('../../src/tools/simulator/server');
  const simulator = await startSimulator({ host: '127.0.0.1' });
  const http = createHttpTransport();
  const replies = new Map<string, string>();
  const recording: Transport = {
    async post(options) {
      const reply = await http.post(options);
      replies.set(options.operation, reply.body);
      return reply;
    },
    close: () => http.close(),
  };
  const client = createClient({ ...MERCHANT, environment: simulator.url, transport: recording, retry: false });
  try {
    const order = await client.checkout.cardOrder(CARD_ORDER_REQUEST as never);
    if ((order as { responseCode?: string }).responseCode !== '00')
      throw new Error('fixture cardOrder was not approved');
    await client.diagnostic.getTransactionData(LOOKUP_REQUEST);
    const reply = (operation: OperationDescriptor): string => {
      const body = replies.get(`${operation.service}.${operation.name}`);
      if (!body) throw new Error(`no reply captured for ${operation.name}`);
      return body;
    };
    return fixturesFromReplies({
      cardOrder: reply(cardOrderOperation),
      getTransactionData: reply(getTransactionDataOperation),
    });
  } finally {
    client.close();
    await simulator.close();
  }
}

/** The cardOrder envelope our client sends for the fixture's request (sealed), for posts of the same bytes. */
export async function cardOrderEnvelope(fixtures: Fixtures): Promise<string> {
  let envelope = '';
  const recorder = createClient({
    ...MERCHANT,
    environment: 'http://127.0.0.1:9',
    retry: false,
    transport: {
      post: async (options) => (
        (envelope = options.body),
        { status: 200, contentType: 'text/xml', body: fixtures.cardOrder.reply }
      ),
      close() {},
    },
  });
  await recorder.checkout.cardOrder(fixtures.cardOrder.request as never);
  return envelope;
}

/** Writes what the loopback server child needs (WSDL files and canned reply fields) and returns the file. */
export function writeServerSpec(fixtures: Fixtures, dir: string): string {
  const spec = Object.values(fixtures).map((f: MessageFixture) => ({
    service: f.operation.service,
    wsdl: path.join(path.resolve(__dirname, '../../wsdl'), `${f.operation.service}.wsdl`),
    operation: f.operation.name,
    wrapper: f.operation.responseWrapper ?? null,
    fields: f.replyFields,
    // The server stamps and seals each reply again (see soap-server.js): a client refuses a stamped reply seen twice.
    key: MERCHANT.secretKey,
  }));
  const file = path.join(dir, 'server-spec.json');
  fs.writeFileSync(file, JSON.stringify(spec));
  return file;
}

/**
 * `count` copies of a stamped sealed reply, each with its own transactionDateTime (now + i ms) and sealed again:
 * the client refuses a stamped reply it has already accepted (a replay, issue 19), so a benchmark that answers
 * every call with one canned reply cycles through these instead. Made before measuring; replies without a
 * transactionDateTime come back as they are.
 */
export function stampedReplies(reply: string, wire: 'soap' | 'json', count: number): string[] {
  const base = Date.now();
  const stamp = (i: number): string => new Date(base + i).toISOString().replace('Z', '+00:00');
  if (wire === 'json') {
    const fields = JSON.parse(reply) as Record<string, SealValue>;
    if (fields.transactionDateTime === undefined) return [reply];
    return Array.from({ length: count }, (_, i) => {
      const next = { ...fields, transactionDateTime: stamp(i) };
      return JSON.stringify({ ...next, seal: computeSeal(next, MERCHANT.secretKey) });
    });
  }
  const fields = replyFieldsOf(reply);
  if (fields.transactionDateTime === undefined) return [reply];
  return Array.from({ length: count }, (_, i) => {
    const next = { ...fields, transactionDateTime: stamp(i) };
    const seal = computeSeal(next, MERCHANT.secretKey);
    const text = reply
      .replace(/(<(?:[\w-]+:)?transactionDateTime>)[^<]*(<)/, `$1${next.transactionDateTime}$2`)
      .replace(/(<(?:[\w-]+:)?seal>)[^<]*(<)/, `$1${seal}$2`);
    // As a transport gives a body, decoded from its bytes: one flat string. replace() returns a string made of pieces,
    // which the first character read flattens (a copy of the reply each call, ~0.9 KB, counted against the client).
    return Buffer.from(text, 'utf8').toString('utf8');
  });
}

export function makeTempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'sogenactif-bench-'));
}
