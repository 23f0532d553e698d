// Other SOAP stacks against the simulator (node-soap's client, Python zeep), and the books under load.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import * as soap from 'soap';
import { computeSeal, createClient, InvalidRequestError } from '../src';
import { startSimulator, DEFAULT_MERCHANT, type RunningSimulator } from '../src/simulator/server';

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
    input: sealed({ amount: 2500, cardExpiryDate: '203012', cardNumber: '4200000000000000', currencyCode: '978', interfaceVersion: 'IR_WS_2.55', orderChannel: 'INTERNET', transactionReference: 'NODESOAP-1' }),
  });
  expect(order.output).toMatchObject({ responseCode: '00', transactionReference: 'NODESOAP-1' });
  const [cancel] = await cash.cancelAsync({
    input: sealed({ currencyCode: '978', interfaceVersion: 'CR_WS_2.55', operationAmount: 2500, operationOrigin: 'NODESOAP', transactionReference: 'NODESOAP-1' }),
  });
  expect(cancel.output).toMatchObject({ responseCode: '00', newStatus: 'CANCELLED' });
  // node-soap parses xs:long amounts as numbers.
  expect(Number(cancel.output.newAmount)).toBe(0);
});

test('Python zeep pays and cancels with the WSDLs the simulator serves, sealing with its own code', async () => {
  // Asynchronous: the simulator answers from this same process.
  const { stdout: output } = await promisify(execFile)('/usr/bin/python3', ['scripts/zeep-pay-cancel.py', simulator.url, DEFAULT_MERCHANT.merchantId, DEFAULT_MERCHANT.secretKey, 'ZEEP-1'], { encoding: 'utf8', timeout: 30_000 });
  const { order, cancel } = JSON.parse(output) as { order: Record<string, unknown>; cancel: Record<string, unknown> };
  expect(order).toMatchObject({ responseCode: '00', transactionReference: 'ZEEP-1' });
  expect(cancel).toMatchObject({ responseCode: '00', newStatus: 'TO_CAPTURE' });
  expect(Number(cancel.newAmount)).toBe(1500);
});

test('concurrent orders and cancels keep the books right', async () => {
  const client = createClient({ ...DEFAULT_MERCHANT, environment: simulator.url });
  const count = 40;
  const amounts = Array.from({ length: count }, (_, i) => 1000 + i * 37);
  const refs = amounts.map((_, i) => `LOAD-${i}`);
  await Promise.all(
    amounts.map((amount, i) => client.checkout.cardOrder({ amount, currencyCode: '978', cardNumber: '4200000000000000', cardExpiryDate: '203012', orderChannel: 'INTERNET', transactionReference: refs[i] })),
  );
  // Three concurrent partial cancels per transaction; together they ask for more than the amount,
  // so some must be refused (24) and none may take the amount below zero.
  const results = await Promise.all(
    amounts.flatMap((amount, i) =>
      [0.5, 0.4, 0.3].map((share) =>
        client.cashManagement
          .cancel({ transactionReference: refs[i]!, operationAmount: Math.round(amount * share), currencyCode: '978', operationOrigin: 'LOAD' })
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
