// Other SOAP stacks against the simulator (node-soap's client, Python zeep, PHP SoapClient), and the books under load.
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import * as soap from 'soap';
import { computeSeal, createClient, InvalidRequestError } from '../../src/runtime';
import { startSimulator, DEFAULT_MERCHANT, type RunningSimulator } from '../../src/tools/simulator';

let simulator: RunningSimulator;
beforeAll(async () => {
  simulator = await startSimulator();
});
afterAll(async () => simulator.close());

const sealed = (fields: Record<string, unknown>) => {
  const all = { ...fields, merchantId: DEFAULT_MERCHANT.merchantId, keyVersion: 1 };
  return { ...all, seal: computeSeal(all as never, DEFAULT_MERCHANT.secretKey) };
};

test("node-soap's own client pays and cancels with the WSDLs the simulator serves", async () => {
  const checkout = await soap.createClientAsync(`${simulator.url}/services/v2/checkout?wsdl`);
  const cash = await soap.createClientAsync(`${simulator.url}/services/v2/cashManagement?wsdl`);
  const [order] = await checkout.cardOrderAsync({
    input: sealed({
      amount: 2500,
      cardExpiryDate: '203012',
      cardNumber: '4200000000000000',
      currencyCode: '978',
      interfaceVersion: 'IR_WS_2.55',
      orderChannel: 'INTERNET',
      transactionReference: 'NODESOAP-1',
    }),
  });
  expect(order.output).toMatchObject({ responseCode: '00', transactionReference: 'NODESOAP-1' });
  const [cancel] = await cash.cancelAsync({
    input: sealed({
      currencyCode: '978',
      interfaceVersion: 'CR_WS_2.55',
      operationAmount: 2500,
      operationOrigin: 'NODESOAP',
      transactionReference: 'NODESOAP-1',
    }),
  });
  expect(cancel.output).toMatchObject({ responseCode: '00', newStatus: 'CANCELLED' });
  // node-soap parses xs:long amounts as numbers.
  expect(Number(cancel.output.newAmount)).toBe(0);
});

// Independent SOAP toolkits, each with its own seal code and its own lexical forms (see the scripts), run a
// payment, a partial cancel, a lookup and a refusal. given: the toolkit; want: the books and what went on the wire.
interface Toolkit {
  readonly name: string;
  readonly command: string;
  readonly script: string;
  readonly available: () => string | undefined;
  readonly amount: number;
  readonly cancelled: number;
  readonly orderId: string;
  /** The flag the script sets on each reply when its own code verified the reply's seal. */
  readonly replySealFlag: string;
  /** Lexical forms the toolkit wrote on the wire (the seal is verified over them). */
  readonly onTheWire: readonly RegExp[];
}
const probe = (command: string, args: string[]): string | undefined => {
  try {
    execFileSync(command, args, { stdio: 'ignore', timeout: 20_000 });
    return undefined;
  } catch {
    return `${command} ${args.join(' ')} failed`;
  }
};
const TOOLKITS: readonly Toolkit[] = [
  {
    name: 'Python zeep',
    command: '/usr/bin/python3',
    script: 'test/interop/clients/zeep-office.py',
    replySealFlag: 'sealVerifiedByZeepScript',
    available: () => probe('/usr/bin/python3', ['-c', 'import zeep']),
    amount: 2500,
    cancelled: 1000,
    orderId: 'Commande n°42 – Zoë',
    onTheWire: [
      /<ns0:amount>0002500<\/ns0:amount>/,
      /<ns0:operationAmount>01000<\/ns0:operationAmount>/,
      /<ns0:merchantTransactionDateTime>2026-11-27T21:05:09\.123456\+02:00</,
      /<ns0:firstname>Zoë<\/ns0:firstname>/,
    ],
  },
  {
    name: 'PHP SoapClient',
    command: 'php',
    script: 'test/interop/clients/php-office.php',
    replySealFlag: 'sealVerifiedByPhpScript',
    available: () => probe('php', ['-r', 'exit(class_exists("SoapClient") && class_exists("DOMDocument") ? 0 : 1);']),
    amount: 3100,
    cancelled: 1100,
    orderId: 'Zamówienie №7 — Łódź €',
    onTheWire: [
      /<ns1:operationAmount>\+1100<\/ns1:operationAmount>/,
      /<ns1:merchantTransactionDateTime>2026-11-27T20:05:09\+01:00</,
      /<ns1:lastname>Øster<\/ns1:lastname>/,
    ],
  },
];

describe.each(TOOLKITS)('$name against the simulator (its own seal code and lexical forms)', (toolkit) => {
  const missing = toolkit.available();
  if (missing) process.stderr.write(`\nSKIPPED ${toolkit.name} interop: ${missing} (make tools installs it)\n\n`);
  (missing ? test.skip : test)(
    'payment, partial cancel, lookup and refusal; every request seal verified over the text it wrote, every ' +
      'reply seal by the script',
    async () => {
      const reference = `${toolkit.name.split(' ')[0]!.toUpperCase()}-${Date.now().toString(36)}`;
      const from = simulator.exchanges().length;
      const { stdout } = await promisify(execFile)(
        toolkit.command,
        [toolkit.script, simulator.url, DEFAULT_MERCHANT.merchantId, DEFAULT_MERCHANT.secretKey, reference],
        { encoding: 'utf8', timeout: 60_000 },
      );
      const run = JSON.parse(stdout) as Record<'payment' | 'cancel' | 'lookup' | 'refusal', Record<string, unknown>> & {
        sent: string[];
      };
      expect(run.payment).toMatchObject({ responseCode: '00', transactionReference: reference });
      expect(run.cancel).toMatchObject({ responseCode: '00', newStatus: 'TO_CAPTURE' });
      expect(Number(run.cancel.newAmount)).toBe(toolkit.amount - toolkit.cancelled);
      expect(run.lookup).toMatchObject({
        responseCode: '00',
        transactionReference: reference,
        transactionStatus: 'TO_CAPTURE',
        orderId: toolkit.orderId,
        lastOperationName: 'CANCEL',
      });
      expect([Number(run.lookup.originAmount), Number(run.lookup.currentAmount)]).toEqual([
        toolkit.amount,
        toolkit.amount - toolkit.cancelled,
      ]);
      expect(run.refusal).toMatchObject({ responseCode: '05', transactionReference: `${reference}R` });
      // Each script checked every reply's seal with its own code, over the text the simulator wrote.
      for (const reply of [run.payment, run.cancel, run.lookup, run.refusal])
        expect(reply[toolkit.replySealFlag]).toBe(true);
      const wire = run.sent.join('\n');
      for (const form of toolkit.onTheWire) expect(wire).toMatch(form);
      const exchanges = simulator
        .exchanges()
        .slice(from)
        .filter((e) => String(e.request.transactionReference ?? '').startsWith(reference));
      expect(exchanges.map((e) => [e.operation, e.responseCode, e.seal])).toEqual([
        ['cardOrder', '00', 'valid'],
        ['cancel', '00', 'valid'],
        ['getTransactionData', '00', 'valid'],
        ['cardOrder', '05', 'valid'],
      ]);
    },
  );
});

test('concurrent orders and cancels keep the books right', async () => {
  const client = createClient({ ...DEFAULT_MERCHANT, environment: simulator.url });
  const count = 40;
  const amounts = Array.from({ length: count }, (_, i) => 1000 + i * 37);
  const refs = amounts.map((_, i) => `LOAD-${i}`);
  await Promise.all(
    amounts.map((amount, i) =>
      client.checkout.cardOrder({
        amount,
        currencyCode: '978',
        cardNumber: '4200000000000000',
        cardExpiryDate: '203012',
        orderChannel: 'INTERNET',
        transactionReference: refs[i],
      }),
    ),
  );
  // Three concurrent partial cancels per transaction; together they ask for more than the amount,
  // so some must be refused (24) and none may take the amount below zero.
  const results = await Promise.all(
    amounts.flatMap((amount, i) =>
      [0.5, 0.4, 0.3].map((share) =>
        client.cashManagement
          .cancel({
            transactionReference: refs[i]!,
            operationAmount: Math.round(amount * share),
            currencyCode: '978',
            operationOrigin: 'LOAD',
          })
          .then(() => Math.round(amount * share))
          .catch((error: unknown) => {
            if (error instanceof InvalidRequestError && error.code === '24') return 0;
            throw error;
          }),
      ),
    ),
  );
  for (const [i, amount] of amounts.entries()) {
    const cancelled = results.slice(i * 3, i * 3 + 3).reduce((a, b) => a + b, 0);
    expect(cancelled).toBeLessThanOrEqual(amount);
    const data = await client.diagnostic.getTransactionData({ transactionReference: refs[i]! });
    expect(data.currentAmount).toBe(amount - cancelled);
    expect(data.originAmount).toBe(amount);
    expect(data.transactionStatus).toBe(amount === cancelled ? 'CANCELLED' : 'TO_CAPTURE');
  }
  client.close();
});
