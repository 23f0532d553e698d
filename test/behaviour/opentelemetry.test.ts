// The README's OpenTelemetry recipe run as printed, with the SDK's in-memory span exporter and a recording meter:
// one client span per call (attributes, attempt/retry/lookup events, error status), the correlation id shared with
// the logger, and the metrics. The runtime itself never imports OpenTelemetry.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { metrics, trace, type MeterProvider } from '@opentelemetry/api';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { createClient, type ExchangeEvent, type SogenactifClient } from '../../src/runtime';
import { DEFAULT_MERCHANT, startSimulator, type RunningSimulator } from '../../src/tools/simulator';

const ROOT = path.resolve(__dirname, '..', '..');

/** The README's recipe module, its package name pointed at the sources, written beside the tests' output. */
function recipeModule(): string {
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const start = readme.indexOf('<!-- merchant-flow: opentelemetry');
  const block = /```ts\n([\s\S]*?)\n```/.exec(readme.slice(start));
  if (start === -1 || !block) throw new Error('README has no opentelemetry recipe block');
  const dir = path.join(ROOT, '.tmp', 'opentelemetry');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'recipe.ts');
  fs.writeFileSync(
    file,
    block[1]!.replace(/from 'sogenactif-office'/g, `from ${JSON.stringify(path.join(ROOT, 'src', 'runtime'))}`),
  );
  return file;
}

const exporter = new InMemorySpanExporter();
const recorded: { instrument: string; value: number; attributes: Record<string, unknown> }[] = [];
/** A MeterProvider that records what the recipe measures (the API's interface, nothing more). */
const recordingMeters = {
  getMeter: () => ({
    createHistogram: (instrument: string) => ({
      record: (value: number, attributes: Record<string, unknown> = {}) =>
        void recorded.push({ instrument, value, attributes }),
    }),
    createCounter: (instrument: string) => ({
      add: (value: number, attributes: Record<string, unknown> = {}) =>
        void recorded.push({ instrument, value, attributes }),
    }),
  }),
} as unknown as MeterProvider;

let simulator: RunningSimulator;
let client: SogenactifClient;
const logged: ExchangeEvent[] = [];
let sequence = 0;
const reference = (tag: string): string => `OT-${tag}${Date.now().toString(36)}${(sequence += 1)}`;
const order = (transactionReference: string, cardNumber = '4200000000000000') => ({
  amount: 2100,
  currencyCode: '978',
  orderChannel: 'INTERNET' as const,
  cardNumber,
  cardExpiryDate: '203012',
  transactionReference,
});

beforeAll(async () => {
  trace.setGlobalTracerProvider(new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] }));
  metrics.setGlobalMeterProvider(recordingMeters);
  (require(recipeModule()) as { instrumentSogenactif: () => void }).instrumentSogenactif();
  simulator = await startSimulator();
  client = createClient({
    ...DEFAULT_MERCHANT,
    environment: simulator.url,
    retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 1 },
    logger: (event) => void logged.push(event),
  });
});
afterAll(async () => {
  client.close();
  await simulator.close();
  trace.disable();
  metrics.disable();
});

test('a payment, a refusal, a retried 90, a lost reply: one CLIENT span each, with events, codes, status', async () => {
  await client.checkout.cardOrder(order(reference('OK')));
  await client.checkout.cardOrder(order(reference('NO'), '4100000000000514')).catch(() => undefined);
  await client.checkout.cardOrder(order(reference('FAULT_90_'))).catch(() => undefined);
  await client.checkout.cardOrder(order(reference('FAULT_DROP_'))).catch(() => undefined);
  const spans = exporter.getFinishedSpans();
  expect(spans.map((s) => s.name)).toEqual(Array(4).fill('sogenactif checkout.cardOrder'));
  const [ok, refused, unavailable, lost] = spans as [
    (typeof spans)[0],
    (typeof spans)[0],
    (typeof spans)[0],
    (typeof spans)[0],
  ];
  expect(ok.kind).toBe(2); // SpanKind.CLIENT
  expect(ok.attributes).toMatchObject({
    'sogenactif.operation': 'checkout.cardOrder',
    'sogenactif.wire': 'soap',
    'sogenactif.outcome': 'success',
    'sogenactif.attempts': 1,
    'sogenactif.code': '00',
  });
  expect(ok.status.code).toBe(0); // UNSET
  expect(ok.events.map((e) => e.name)).toEqual(['attempt']);
  expect(refused.attributes).toMatchObject({
    'sogenactif.outcome': 'declined',
    'sogenactif.code': '05',
    'sogenactif.acquirer_response_code': '51',
  });
  expect(refused.status.code).toBe(0); // a refusal is an answer, not an error
  expect(unavailable.events.map((e) => e.name)).toEqual(['attempt', 'retry', 'attempt']);
  expect(unavailable.status).toEqual({ code: 2, message: 'TemporarilyUnavailableError 90' });
  expect(
    lost.events.map((e) => [
      e.name,
      e.attributes?.['sogenactif.operation'] ?? e.attributes?.['sogenactif.lookup.result'],
    ]),
  ).toEqual([
    ['attempt', 'checkout.cardOrder'],
    ['attempt', 'diagnostic.getTransactionData'],
    ['lookup', 'approved'],
  ]);
  expect(lost.attributes['sogenactif.outcome']).toBe('outcome-unknown');
  // The span and the log lines meet on the correlation id.
  expect(new Set(logged.map((e) => e.correlationId))).toEqual(
    new Set(spans.map((s) => s.attributes['sogenactif.correlation_id'])),
  );
  // No card data reached the exported spans.
  expect(JSON.stringify(spans.map((s) => [s.attributes, s.events]))).not.toMatch(/4200000000000000|4100000000000514/);
});

test('metrics: a duration per call and an attempt count per exchange, by operation and outcome', () => {
  const calls = recorded.filter((r) => r.instrument === 'sogenactif.call.duration');
  expect(calls.map((r) => r.attributes['sogenactif.outcome'])).toEqual([
    'success',
    'declined',
    'unavailable',
    'outcome-unknown',
  ]);
  expect(calls.every((r) => r.value >= 0)).toBe(true);
  const attempts = recorded.filter((r) => r.instrument === 'sogenactif.attempts');
  expect(
    attempts.map(
      (r) => `${String(r.attributes['sogenactif.operation'])} ${String(r.attributes['sogenactif.outcome'])}`,
    ),
  ).toEqual([
    'checkout.cardOrder success',
    'checkout.cardOrder declined',
    'checkout.cardOrder unavailable',
    'checkout.cardOrder unavailable',
    'checkout.cardOrder transport',
    'diagnostic.getTransactionData success',
  ]);
});

test('the runtime never imports OpenTelemetry', () => {
  const offenders: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (/\.ts$/.test(entry.name) && fs.readFileSync(file, 'utf8').includes('@opentelemetry'))
        offenders.push(path.relative(ROOT, file));
    }
  };
  walk(path.join(ROOT, 'src'));
  walk(path.join(ROOT, 'generated'));
  expect(offenders).toEqual([]);
});
