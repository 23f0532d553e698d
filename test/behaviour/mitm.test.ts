// A man in the middle without the key, on 127.0.0.1 between the client (and the CLI) and the simulator: it
// forges replies from what it sees (reflection, character shifting, algorithm switch). Every forgery must end
// in an error, never in an approval; a genuine reply through the same proxy still passes.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  createClient,
  DeclinedError,
  InvalidResponseError,
  OutcomeUnknownError,
  SealMismatchError,
  SogenactifError,
} from '../../src/runtime';
import { run } from '../../src/tools/cli/program';
import { sealString } from '../../src/runtime/seal';
import { startSimulator, DEFAULT_MERCHANT, type RunningSimulator } from '../../src/tools/simulator/server';
import { parseXml, type XmlNode } from '../../src/runtime/wire/soap/xml';
import { captureIo } from '../support/cli-io';

type Forgery = 'pass' | 'reflect' | 'shift' | 'algorithm';

/** The flat top-level fields of the element holding a message's fields (the input/output wrapper). */
function fieldsOf(xml: string): { operation: string; fields: Record<string, string> } {
  const body = parseXml(xml).children.find((c) => c.local === 'Body')!;
  const element = body.children[0]!;
  const wrapper: XmlNode = element.children[0]!;
  const fields: Record<string, string> = {};
  for (const child of wrapper.children) if (child.children.length === 0) fields[child.local] = child.text;
  return { operation: element.local.replace(/Response$/, ''), fields };
}

function reply(operation: string, service: string, fields: Record<string, string>): string {
  const inner = Object.entries(fields)
    .map(([k, v]) => `<${k}>${v}</${k}>`)
    .join('');
  return (
    `<?xml version="1.0"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><` +
    `${operation}Response xmlns="urn:sips:cn:contract:office:${service}:v2"><output>${inner}</output></` +
    `${operation}Response></soap:Body></soap:Envelope>`
  );
}

/**
 * Reflection: the request's values, in seal order, re-split into reply fields around a "00" they contain,
 * with the request's own seal. `before` and `after` are free-text reply fields on either side of responseCode.
 */
function reflect(request: Record<string, string>, before: string, after: string): Record<string, string> {
  const { seal, ...sealed } = request;
  const text = sealString(sealed);
  const reference = request.transactionReference ?? '';
  const at = text.indexOf('00');
  return {
    [before]: text.slice(0, at),
    responseCode: '00',
    [after]: text.slice(at + 2, text.length - reference.length),
    transactionReference: reference,
    seal: seal!,
  };
}

/**
 * Character shifting on a genuine sealed decline: everything from responseCode to transactionReference is
 * re-split so that responseCode takes the "00" of the "+00:00" offset (issue 12, item 2).
 */
function shift(genuine: Record<string, string>): Record<string, string> {
  const { seal, ...sealed } = genuine;
  const names = Object.keys(sealed).sort();
  const head = names.filter((n) => n < 'recurringResponseCode');
  const tail = names.filter((n) => n >= 'transactionReference');
  const middle = names
    .filter((n) => n >= 'recurringResponseCode' && n < 'transactionReference')
    .map((n) => sealed[n])
    .join('');
  const at = middle.lastIndexOf('00');
  const out: Record<string, string> = {};
  for (const n of head) out[n] = sealed[n]!;
  out.recurringResponseCode = middle.slice(0, at);
  out.responseCode = '00';
  out.responseCodeDetail = middle.slice(at + 2);
  for (const n of tail) out[n] = sealed[n]!;
  out.seal = seal!;
  return out;
}

/**
 * Algorithm switch: an approval sealed sha256(data + key), the Paypage POST connector's construction whose
 * Data/Seal pairs pass through the buyer's browser. `paypageSeal` plays that leak (the only use of the key here).
 */
function algorithmSwitch(
  request: Record<string, string>,
  paypageSeal: (data: string) => string,
): Record<string, string> {
  const fields = {
    responseCode: '00',
    acquirerResponseCode: '00',
    transactionReference: request.transactionReference ?? '',
  };
  return { ...fields, sealAlgorithm: 'SHA-256', seal: paypageSeal(sealString(fields)) };
}

interface Proxy {
  readonly url: string;
  mode: Forgery;
  /** Replies it forged, by operation. */
  readonly forged: string[];
  close(): Promise<void>;
}

async function startProxy(upstream: string): Promise<Proxy> {
  const paypageSeal = (data: string): string =>
    createHash('sha256')
      .update(data + DEFAULT_MERCHANT.secretKey, 'utf8')
      .digest('hex');
  const state = { mode: 'pass' as Forgery, forged: [] as string[] };
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (c: Buffer) => chunks.push(c));
    request.on('end', () => {
      void (async () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const service = /\/services\/v2\/([A-Za-z]+)/.exec(request.url ?? '')![1]!;
        const { operation, fields } = fieldsOf(body);
        const send = (text: string): void => {
          response.writeHead(200, { 'Content-Type': 'text/xml; charset=utf-8' });
          response.end(text);
        };
        if (state.mode === 'reflect') {
          // Never forwarded: the gateway never sees the payment, nor the lookup.
          state.forged.push(operation);
          const [before, after] =
            operation === 'getTransactionData'
              ? ['authorisationId', 'tokenPan']
              : ['acceptanceSystemApplicationId', 'tokenPan'];
          return send(reply(operation, service, reflect(fields, before!, after!)));
        }
        if (state.mode === 'algorithm' && operation !== 'getTransactionData') {
          state.forged.push(operation);
          return send(reply(operation, service, algorithmSwitch(fields, paypageSeal)));
        }
        const upstreamReply = await fetch(`${upstream}${request.url}`, {
          method: 'POST',
          body,
          headers: {
            'Content-Type': String(request.headers['content-type']),
            SOAPAction: String(request.headers.soapaction ?? '""'),
          },
        });
        const text = await upstreamReply.text();
        if (state.mode === 'shift' && operation !== 'getTransactionData') {
          state.forged.push(operation);
          return send(reply(operation, service, shift(fieldsOf(text).fields)));
        }
        send(text);
      })().catch((error: unknown) => {
        response.writeHead(502);
        response.end(String(error));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    get mode() {
      return state.mode;
    },
    set mode(value: Forgery) {
      state.mode = value;
    },
    forged: state.forged,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

let simulator: RunningSimulator;
let proxy: Proxy;
beforeAll(async () => {
  simulator = await startSimulator();
  proxy = await startProxy(simulator.url);
});
afterAll(async () => {
  await proxy.close();
  await simulator.close();
});
beforeEach(() => {
  proxy.mode = 'pass';
  proxy.forged.length = 0;
});

let counter = 0;
const order = (cardNumber: string) => ({
  amount: 4200,
  currencyCode: '978',
  cardNumber,
  cardExpiryDate: '203012',
  orderChannel: 'INTERNET' as const,
  transactionReference: `MITM${Date.now()}${counter++}`,
});
const APPROVED_CARD = '4200000000000000';
const DECLINED_CARD = '4100000000000514';

function client(extra: Record<string, unknown> = {}) {
  return createClient({ ...DEFAULT_MERCHANT, environment: proxy.url, retry: false, timeoutMs: 5000, ...extra });
}

describe('through a man in the middle without the key', () => {
  test('a genuine approval and a genuine decline pass through the proxy unchanged', async () => {
    const c = client();
    await expect(c.checkout.cardOrder(order(APPROVED_CARD))).resolves.toMatchObject({ responseCode: '00' });
    await expect(c.checkout.cardOrder(order(DECLINED_CARD))).rejects.toBeInstanceOf(DeclinedError);
    c.close();
  });

  test.each([
    // The lookup is reflected too: refused as well, so the outcome stays unknown.
    ['reflection (the request re-split, with its own seal)', 'reflect', SealMismatchError, 'unknown'],
    // Forwarded: the gateway declined it, and the (genuine) lookup says so.
    ['character shifting (a genuine sealed decline re-split into 00)', 'shift', InvalidResponseError, 'refused'],
    // Never forwarded: the gateway has no such transaction (25), which is not a refusal.
    ['algorithm switch (SHA-256 data+key, the Paypage construction)', 'algorithm', InvalidResponseError, 'unknown'],
  ] as const)(
    '%s: an error, never an approval; the lookup does not say approved',
    async (_label, mode, cause, lookedUp) => {
      proxy.mode = mode;
      const c = client();
      const error = await c.checkout.cardOrder(order(DECLINED_CARD)).catch((e: unknown) => e);
      c.close();
      expect(proxy.forged).toContain('cardOrder');
      expect(error).toBeInstanceOf(OutcomeUnknownError);
      expect((error as OutcomeUnknownError).cause).toBeInstanceOf(cause);
      expect((error as OutcomeUnknownError).resolution.outcome).toBe(lookedUp);
    },
  );

  test('reflection of the lookup itself: resolvePayment never says approved', async () => {
    proxy.mode = 'reflect';
    const c = client();
    const resolution = await c.resolvePayment('MITM-LOOKUP-1', { amount: 4200, currencyCode: '978' });
    c.close();
    expect(proxy.forged).toContain('getTransactionData');
    expect(resolution).toMatchObject({ outcome: 'unknown', reason: expect.stringMatching(/request's own seal/) });
  });

  test('algorithm switch, undeclared elements allowed: refused, only the configured algorithm verifies', async () => {
    proxy.mode = 'algorithm';
    const c = client({ allowUndeclaredReplyElements: true, resolveUnknownOutcomes: false });
    const error = await c.checkout.cardOrder(order(APPROVED_CARD)).catch((e: unknown) => e);
    c.close();
    expect(error).toBeInstanceOf(SealMismatchError);
    expect((error as Error).message).toMatch(
      /declares seal algorithm "SHA-256" but this client verifies HMAC-SHA-256 only/,
    );
  });

  test('shifting with undeclared elements allowed: still refused by the field formats', async () => {
    proxy.mode = 'shift';
    const c = client({ allowUndeclaredReplyElements: true, resolveUnknownOutcomes: false });
    const error = await c.checkout.cardOrder(order(DECLINED_CARD)).catch((e: unknown) => e);
    c.close();
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect((error as Error).message).toMatch(/recurringResponseCode is not a code \(1 to 4 letters or digits\)/);
  });

  test('the CLI via the proxy: forgeries exit 4 (outcome unknown) with the resolution, a genuine one 0', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mitm-'));
    const env = {
      SOGENACTIF_MERCHANT_ID: DEFAULT_MERCHANT.merchantId,
      SOGENACTIF_SECRET_KEY: DEFAULT_MERCHANT.secretKey,
      SOGENACTIF_KEY_VERSION: '1',
      SOGENACTIF_ENV: proxy.url,
    };
    const call = async (mode: Forgery, card: string) => {
      proxy.mode = mode;
      const file = path.join(dir, `${mode}.json`);
      fs.writeFileSync(file, JSON.stringify(order(card)));
      const io = captureIo(env);
      const code = await run(['call', 'checkout.cardOrder', '--data', file], io);
      return { code, io };
    };
    const genuine = await call('pass', APPROVED_CARD);
    expect(genuine.code).toBe(0);
    expect(JSON.parse(genuine.io.out)).toMatchObject({ responseCode: '00' });
    for (const mode of ['reflect', 'shift', 'algorithm'] as const) {
      const forged = await call(mode, DECLINED_CARD);
      expect(forged.code).toBe(4);
      const printed = JSON.parse(forged.io.err);
      expect(printed).toMatchObject({
        error: 'OutcomeUnknownError',
        resolution: { outcome: expect.stringMatching(/^(unknown|refused)$/) },
      });
      expect(forged.io.out).toBe('');
    }
  });

  test('no forged reply ever comes back as a result (every mode, payment and read)', async () => {
    const c = client({ resolveUnknownOutcomes: false });
    for (const mode of ['reflect', 'shift', 'algorithm'] as const) {
      proxy.mode = mode;
      const outcome = await c.checkout.cardOrder(order(DECLINED_CARD)).then(
        () => 'result',
        (e: unknown) => (e instanceof SogenactifError ? e.name : 'crash'),
      );
      expect([mode, outcome]).toEqual([mode, expect.stringMatching(/^(SealMismatchError|InvalidResponseError)$/)]);
    }
    c.close();
  });
});
