// Random approval-shaped re-splits of real simulator declines (05/05 and 05/51), on both wires, through the real
// client's reply reading (issue 19, item 2): every variant keeps the genuine seal; the test prints how many the
// client accepts as an approval. The goal, and the assertion, is 0.
import {
  cardOrderOperation,
  createClient,
  createHttpTransport,
  type HttpReply,
  type PostOptions,
  type Transport,
} from '../../src/runtime';
import { sealString } from '../../src/runtime/seal';
import { startSimulator, DEFAULT_MERCHANT, type RunningSimulator } from '../../src/tools/simulator/server';
import { shiftableFields } from '../support/shift-variants';
import { soapFields } from '../support/mitm-proxy';
import { mulberry32 } from '../support/random';

const PER_DECLINE = 1500;
let simulator: RunningSimulator;
beforeAll(async () => {
  simulator = await startSimulator();
});
afterAll(async () => simulator.close());

const names = shiftableFields(cardOrderOperation).map((f) => f.name);

/** Splits `text` over a random ordered subset of `fields` (each non-empty), in field order. */
function scatter(text: string, fields: readonly string[], next: () => number): Record<string, string> {
  const out: Record<string, string> = {};
  if (text === '' || fields.length === 0) return text === '' ? out : { __unplaceable: text };
  const count = Math.min(text.length, fields.length, 1 + Math.floor(next() * 4));
  const chosen = [...fields]
    .sort(() => next() - 0.5)
    .slice(0, count)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const cuts = new Set<number>();
  while (cuts.size < count - 1) cuts.add(1 + Math.floor(next() * (text.length - 1)));
  const points = [0, ...[...cuts].sort((a, b) => a - b), text.length];
  chosen.forEach((name, i) => (out[name] = text.slice(points[i], points[i + 1])));
  return out;
}

/**
 * One approval-shaped re-split: responseCode takes a "00" of the sealed string; with even odds acquirerResponseCode
 * takes an earlier "00", transactionReference keeps the reference and transactionDateTime and maskedPan keep their
 * values when they can; the rest is scattered over the other declared fields.
 */
function variant(genuine: Record<string, string>, next: () => number): Record<string, string> | undefined {
  const { seal, ...sealed } = genuine;
  const text = sealString(sealed);
  const zeros: number[] = [];
  for (let i = text.indexOf('00'); i >= 0; i = text.indexOf('00', i + 1)) zeros.push(i);
  const at = zeros[Math.floor(next() * zeros.length)]!;
  const keep = (name: string): boolean => next() < 0.5 && sealed[name] !== undefined;
  const head = text.slice(0, at);
  let tail = text.slice(at + 2);
  const fixed: Record<string, string> = { responseCode: '00' };
  // The reference ends the sealed string and the date-time comes just before it: each is kept whole, at the end.
  for (const name of ['transactionReference', 'transactionDateTime'] as const) {
    const value = sealed[name];
    if (value === undefined || !keep(name) || !tail.endsWith(value)) break;
    fixed[name] = value;
    tail = tail.slice(0, tail.length - value.length);
  }
  const acquirerAt = head.indexOf('00');
  const headFields = names.filter((n) => n < 'responseCode' && !(n in fixed));
  const limit = fixed.transactionDateTime
    ? 'transactionDateTime'
    : fixed.transactionReference
      ? 'transactionReference'
      : '~';
  const tailFields = names.filter((n) => n > 'responseCode' && n < limit);
  let forged: Record<string, string>;
  if (acquirerAt >= 0 && next() < 0.5) {
    fixed.acquirerResponseCode = '00';
    forged = {
      ...scatter(
        head.slice(0, acquirerAt),
        headFields.filter((n) => n < 'acquirerResponseCode'),
        next,
      ),
      ...scatter(
        head.slice(acquirerAt + 2),
        headFields.filter((n) => n > 'acquirerResponseCode'),
        next,
      ),
    };
  } else {
    forged = scatter(head, headFields, next);
  }
  forged = { ...forged, ...scatter(tail, tailFields, next), ...fixed };
  if ('__unplaceable' in forged) return undefined;
  if (sealString(forged) !== text) return undefined;
  return { ...forged, seal: seal! };
}

/** A transport that answers every call with `body` (the client reads it as the gateway's reply). */
const answering = (body: string, json: boolean): Transport => ({
  post: async (_options: PostOptions): Promise<HttpReply> => ({
    status: 200,
    contentType: json ? 'application/json' : 'text/xml',
    body,
  }),
  close: () => undefined,
});

function render(wire: 'soap' | 'json', fields: Record<string, string>): string {
  if (wire === 'json') return JSON.stringify(fields);
  const inner = Object.entries(fields)
    .map(([k, v]) => `<${k}>${v.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</${k}>`)
    .join('');
  return (
    `<?xml version="1.0"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><car` +
    `dOrderResponse xmlns="urn:sips:cn:contract:office:checkout:v2"><output>${inner}` +
    `</output></cardOrderResponse></soap:Body></soap:Envelope>`
  );
}

test.each(['soap', 'json'] as const)(
  'random approval-shaped re-splits of the simulator declines 05/05 and 05/51 (%s): none accepted',
  async (wire) => {
    let accepted = 0;
    let tried = 0;
    const layouts: string[] = [];
    for (const [index, card] of ['4100000000000005', '4100000000000514'].entries()) {
      const request = {
        amount: 4200,
        currencyCode: '978',
        cardNumber: card,
        cardExpiryDate: '203012',
        orderChannel: 'INTERNET' as const,
        transactionReference: `RESPLIT${wire}${index}${Date.now()}`,
      };
      // The genuine decline, as the simulator sealed it on this wire (through the client's own HTTP transport).
      const http = createHttpTransport();
      let body = '';
      const recording: Transport = {
        post: async (options) => {
          const reply = await http.post(options);
          body = reply.body;
          return reply;
        },
        close: () => http.close(),
      };
      await createClient({
        ...DEFAULT_MERCHANT,
        environment: simulator.url,
        wire,
        transport: recording,
        resolveUnknownOutcomes: false,
      })
        .checkout.cardOrder(request)
        .catch(() => undefined);
      http.close();
      const genuine =
        wire === 'json'
          ? Object.fromEntries(
              Object.entries(JSON.parse(body) as Record<string, unknown>).map(([k, v]) => [k, String(v)]),
            )
          : soapFields(body).fields;
      expect(genuine.responseCode).toBe('05');
      const next = mulberry32(19 + index);
      let made = 0;
      while (made < PER_DECLINE) {
        const forged = variant(genuine, next);
        if (!forged) continue;
        made++;
        const client = createClient({
          ...DEFAULT_MERCHANT,
          environment: 'PROD',
          wire,
          transport: answering(render(wire, forged), wire === 'json'),
          retry: false,
          resolveUnknownOutcomes: false,
        });
        const result = await client.checkout.cardOrder(request).then(
          (r) => r.responseCode,
          () => undefined,
        );
        if (result === '00') {
          accepted++;
          if (layouts.length < 5)
            layouts.push(
              Object.keys(forged)
                .filter((k) => k !== 'seal')
                .sort()
                .join(','),
            );
        }
      }
      tried += made;
    }
    process.stdout.write(
      `resplit (${wire}): ${accepted} of ${tried}` +
        ` random approval-shaped re-splits of the declines 05/05 and 05/51 accepted` +
        `${layouts.length ? `; layouts: ${layouts.join(' | ')}` : ''}\n`,
    );
    expect(accepted).toBe(0);
  },
  120_000,
);
