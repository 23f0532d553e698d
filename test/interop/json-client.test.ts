// Both wires on one simulator state: an independent JSON client (Python standard library, its own seal code)
// pays, cancels part, looks up and is refused over /rs-services; our SOAP client sees the same transaction;
// a payment made over SOAP is cancelled over JSON.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { createClient } from '../../src/runtime';
import { startSimulator, DEFAULT_MERCHANT, type RunningSimulator } from '../../src/tools/simulator/server';

let simulator: RunningSimulator;
beforeAll(async () => {
  simulator = await startSimulator();
});
afterAll(async () => simulator.close());

test(
  'an independent Python JSON client pays, cancels part, looks up and gets a refusal; the SOAP side sees the ' +
    'same transaction',
  async () => {
    const reference = `PYJSON${Date.now()}`;
    const { stdout } = await promisify(execFile)(
      'python3',
      [
        'test/interop/clients/interop-json.py',
        simulator.url,
        DEFAULT_MERCHANT.merchantId,
        DEFAULT_MERCHANT.secretKey,
        reference,
      ],
      { encoding: 'utf8', timeout: 30_000 },
    );
    const { order, cancel, lookup, refused } = JSON.parse(stdout) as Record<string, Record<string, unknown>>;
    // Sent with a non-ASCII customerContact, sealed by Python.
    expect(order).toMatchObject({ responseCode: '00', transactionReference: reference });
    expect(cancel).toMatchObject({ responseCode: '00', newAmount: 2000, newStatus: 'TO_CAPTURE' });
    expect(lookup).toMatchObject({
      responseCode: '00',
      transactionStatus: 'TO_CAPTURE',
      currentAmount: 2000,
      originAmount: 3100,
    });
    expect(refused).toMatchObject({ responseCode: '05', acquirerResponseCode: '05' });

    const soapClient = createClient({ ...DEFAULT_MERCHANT, environment: simulator.url, wire: 'soap' });
    await expect(soapClient.diagnostic.getTransactionData({ transactionReference: reference })).resolves.toMatchObject({
      transactionStatus: 'TO_CAPTURE',
      currentAmount: 2000,
    });
    soapClient.close();
  },
);

test('a payment made over SOAP is cancelled over JSON, and looked up over both', async () => {
  const reference = `BOTH${Date.now()}`;
  const soapClient = createClient({ ...DEFAULT_MERCHANT, environment: simulator.url });
  const jsonClient = createClient({ ...DEFAULT_MERCHANT, environment: simulator.url, wire: 'json' });
  await soapClient.checkout.cardOrder({
    amount: 4000,
    currencyCode: '978',
    cardNumber: '4200000000000000',
    cardExpiryDate: '203012',
    orderChannel: 'INTERNET',
    transactionReference: reference,
  });
  await expect(
    jsonClient.cashManagement.cancel({
      transactionReference: reference,
      operationAmount: 4000,
      currencyCode: '978',
      operationOrigin: 'JSON',
    }),
  ).resolves.toMatchObject({ responseCode: '00', newStatus: 'CANCELLED', newAmount: 0 });
  for (const client of [soapClient, jsonClient]) {
    await expect(client.diagnostic.getTransactionData({ transactionReference: reference })).resolves.toMatchObject({
      transactionStatus: 'CANCELLED',
      currentAmount: 0,
    });
    client.close();
  }
});

test('the simulator checks JSON seals over the JSON it received: a tampered amount is a 34', async () => {
  const body = {
    amount: 100,
    currencyCode: '978',
    cardNumber: '4200000000000000',
    cardExpiryDate: '203012',
    interfaceVersion: 'IR_WS_2.55',
    merchantId: DEFAULT_MERCHANT.merchantId,
    keyVersion: 1,
    orderChannel: 'INTERNET',
    transactionReference: `TAMPER${Date.now()}`,
  };
  const { computeSeal } = await import('../../src/runtime/seal');
  const seal = computeSeal(body as never, DEFAULT_MERCHANT.secretKey);
  const post = (payload: object) =>
    fetch(`${simulator.url}/rs-services/v2/checkout/cardOrder`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(payload),
    }).then((r) => r.json() as Promise<Record<string, unknown>>);
  await expect(post({ ...body, amount: 100000, seal })).resolves.toMatchObject({ responseCode: '34' });
  // The same number written as 100.0 is another text: the seal over the received JSON differs too.
  const text = JSON.stringify({ ...body, seal }).replace('"amount":100,', '"amount":100.0,');
  const reply = await fetch(`${simulator.url}/rs-services/v2/checkout/cardOrder`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: text,
  }).then((r) => r.json() as Promise<Record<string, unknown>>);
  expect(reply).toMatchObject({ responseCode: '34' });
  await expect(post({ ...body, seal })).resolves.toMatchObject({ responseCode: '00' });
});

test('the exchange log and the dashboard say which wire each exchange used', async () => {
  const jsonClient = createClient({ ...DEFAULT_MERCHANT, environment: simulator.url, wire: 'json' });
  await jsonClient.mandate.searchMandate({ customerId: 'CUST-0001' });
  jsonClient.close();
  const last = simulator
    .exchanges()
    .filter((e) => e.operation === 'searchMandate')
    .pop();
  expect(last).toMatchObject({ wire: 'json', seal: 'valid', responseCode: '00' });
  const credentials = `${DEFAULT_MERCHANT.merchantId}:${DEFAULT_MERCHANT.secretKey}`;
  const auth = `Basic ${Buffer.from(credentials).toString('base64')}`;
  const html = await fetch(`${simulator.url}/`, { headers: { Authorization: auth } }).then((r) => r.text());
  expect(html).toContain('<th>wire</th>');
  expect(html).toMatch(/mandate\.searchMandate<\/td><td>JSON<\/td>/);
});

test('over JSON too, a lost payment reply is looked up (over JSON), never resent', async () => {
  const sent: string[] = [];
  const client = createClient({
    ...DEFAULT_MERCHANT,
    environment: simulator.url,
    wire: 'json',
    timeoutMs: 3000,
    logger: (e) => sent.push(`${e.operation} ${e.url.replace(simulator.url, '')}`),
  });
  const reference = `JSONLOST${Date.now()}`;
  const error = await client.checkout
    .cardOrder({
      amount: 2100,
      currencyCode: '978',
      cardNumber: '4200000000000000',
      cardExpiryDate: '203012',
      orderChannel: 'INTERNET',
      transactionReference: reference,
      customerId: 'FAULT_DROP',
    })
    .catch((e: unknown) => e);
  expect(error).toMatchObject({
    name: 'OutcomeUnknownError',
    resolution: { outcome: 'approved', transactionReference: reference },
  });
  expect(sent).toEqual([
    'checkout.cardOrder /rs-services/v2/checkout/cardOrder',
    'diagnostic.getTransactionData /rs-services/v2/diagnostic/getTransactionData',
  ]);
  client.close();
});
