// The README recipe for real: fetch the WSDLs (no dictionary comes with them), generate, compile with
// tsc --strict, call through the regenerated client. Then the same against a made-up newer release served
// by a test server: other layout, a new operation and a new field.
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import * as ts from 'typescript';
import {
  createClient,
  DeclinedError,
  InvalidRequestError,
  OutcomeUnknownError,
  TransportError,
  type SogenactifClient,
} from '../../src/runtime';
import { run } from '../../src/tools/cli/program';
import type { ServiceDescriptor } from '../../src/runtime/descriptor';
import { computeSeal } from '../../src/runtime/seal';
import { startSimulator, DEFAULT_MERCHANT, type RunningSimulator } from '../../src/tools/simulator/server';
import { parseXml, type XmlNode } from '../../src/runtime/wire/soap/xml';
import { captureIo } from '../support/cli-io';

const root = path.resolve(__dirname, '..', '..');
const work = path.join(root, '.tmp', `regenerate-${process.pid}`);

/**
 * Type-checks files with tsc --strict against the runtime (the package name mapped to src/, as an install would give).
 */
function compile(files: readonly string[]): string[] {
  const program = ts.createProgram([...files], {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.CommonJS,
    moduleResolution: ts.ModuleResolutionKind.Node10,
    types: ['node'],
    skipLibCheck: true,
    esModuleInterop: true,
    baseUrl: root,
    paths: { 'sogenactif-office': ['./src/runtime/index.ts'] },
  });
  return ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

async function cli(args: string[]): Promise<string> {
  const io = captureIo();
  const code = await run(args, io);
  if (code !== 0) throw new Error(`sogenactif ${args.join(' ')} exited ${code}: ${io.err}`);
  return io.out;
}

type Generated = {
  createServiceClients: (
    invoke: SogenactifClient['invoke'],
  ) => Record<string, Record<string, (request: object) => Promise<Record<string, unknown>>>>;
  services: Readonly<Record<string, ServiceDescriptor>>;
};

beforeAll(() => fs.mkdirSync(work, { recursive: true }));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

describe('the README recipe against the simulator', () => {
  let simulator: RunningSimulator;
  const live = path.join(work, 'contract', 'live');
  const out = path.join(work, 'src', 'sogenactif');
  let generated: Generated;
  let generateOutput: string;

  beforeAll(async () => {
    simulator = await startSimulator();
    await cli(['fetch-wsdl', '--env', simulator.url, '--out', live]);
    generateOutput = await cli(['generate', '--wsdl', live, '--out', out]);
    generated = require(path.join(out, 'index.ts')) as Generated;
  });
  afterAll(async () => simulator.close());

  test('the fetched contract comes without a dictionary; the generated one still knows the platform', () => {
    expect(fs.existsSync(path.join(live, 'dictionary'))).toBe(false);
    expect(generateOutput).not.toMatch(/no dictionary knows/);
    // The descriptors as the runtime reads them (operations spread their service's defaults).
    expect(generated.services.checkout!.operations.cardOrder).toMatchObject({
      recommendedInterfaceVersion: 'IR_WS_2.55',
      category: 'payment',
      codeField: 'responseCode',
    });
    expect(generated.services.mandate!.operations.getMandateData).toMatchObject({ codeField: 'mandateResponseCode' });
  });

  test('the generated JSDoc carries the meanings and field documentation', () => {
    const common = fs.readFileSync(path.join(out, 'common', 'types.ts'), 'utf8');
    expect(common).toContain('/** Authorisation refused. */');
    expect(common).toContain('Automatic capture after captureDay days (default).');
    expect(common).toMatch(/Card scheme \(network\) of the card used\./);
  });

  test('it compiles under tsc --strict with a merchant file calling it', () => {
    const merchant = path.join(work, 'src', 'merchant.ts');
    fs.writeFileSync(
      merchant,
      [
        "import { createClient } from 'sogenactif-office';",
        "import { createServiceClients, type CardOrderResponse } from './sogenactif';",
        "const client = createClient({ merchantId: '002001000000001', secretKey: 'k', keyVersion: 1, " +
          "environment: 'TEST' });",
        'const office = createServiceClients(client.invoke);',
        'export const order: Promise<CardOrderResponse> = office.checkout.cardOrder({ amount: 100, ' +
          "currencyCode: '978', cardNumber: '4100000000000005', cardExpiryDate: '203012', orderChannel: " +
          "'INTERNET' });",
        '',
      ].join('\n'),
    );
    expect(compile([merchant])).toEqual([]);
  });

  test('a refused card: DeclinedError with its acquirer code; interfaceVersion is the recommended one', async () => {
    const bodies: string[] = [];
    const client = createClient({
      ...DEFAULT_MERCHANT,
      environment: simulator.url,
      logger: (e) => bodies.push(JSON.stringify(e.request)),
    });
    const office = generated.createServiceClients(client.invoke);
    const error = await office.checkout!.cardOrder!({
      amount: 1200,
      currencyCode: '978',
      cardNumber: '4100000000000514',
      cardExpiryDate: '203012',
      orderChannel: 'INTERNET',
      transactionReference: `REGEN${Date.now()}`,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeclinedError);
    expect(error).toMatchObject({ code: '05', acquirerResponseCode: '51' });
    expect(bodies[0]).toContain('"interfaceVersion":"IR_WS_2.55"');
    client.close();
  });

  test('interfaceVersions in the configuration wins over the recommended version', async () => {
    const bodies: string[] = [];
    const client = createClient({
      ...DEFAULT_MERCHANT,
      environment: simulator.url,
      interfaceVersions: { mandate: 'MR_WS_2.58' },
      logger: (e) => bodies.push(JSON.stringify(e.request)),
    });
    const office = generated.createServiceClients(client.invoke);
    await office.mandate!.searchMandate!({ customerId: 'CUSTOMER-1' }).catch(() => undefined);
    expect(bodies[0]).toContain('"interfaceVersion":"MR_WS_2.58"');
    client.close();
  });

  test('a lost payment reply ends in an OutcomeUnknownError with its resolution, the payment sent once', async () => {
    const sent: string[] = [];
    const client = createClient({
      ...DEFAULT_MERCHANT,
      environment: simulator.url,
      timeoutMs: 2000,
      logger: (e) => sent.push(e.operation),
    });
    const office = generated.createServiceClients(client.invoke);
    const reference = `REGENLOST${Date.now()}`;
    const error = await office.checkout!.cardOrder!({
      amount: 1500,
      currencyCode: '978',
      cardNumber: '4200000000000000',
      cardExpiryDate: '203012',
      orderChannel: 'INTERNET',
      transactionReference: reference,
      customerId: 'FAULT_DROP',
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OutcomeUnknownError);
    expect((error as OutcomeUnknownError).resolution).toMatchObject({
      outcome: 'approved',
      transactionReference: reference,
    });
    expect(sent.filter((op) => op === 'checkout.cardOrder')).toHaveLength(1);
    client.close();
  });
});

describe('a newer release the dictionary has never seen', () => {
  const fixture = fs.readFileSync(
    path.join(root, 'test', 'fixtures', 'releases', 'checkout-next', 'checkout.wsdl'),
    'utf8',
  );
  const calls: string[] = [];
  let server: http.Server;
  let url: string;
  const live = path.join(work, 'next', 'live');
  const out = path.join(work, 'next', 'sogenactif');
  let generated: Generated;
  let generateOutput: string;

  /** The release's server: reads the request's input fields, answers sealed replies (or drops the connection). */
  function answer(operation: string, input: Record<string, string>): Record<string, string> | 'drop' {
    if (operation === 'cardOrder') {
      if (input.cardNumber === '4100000000000005')
        return {
          acquirerResponseCode: '05',
          responseCode: '05',
          transactionReference: input.transactionReference ?? '',
        };
      return {
        acquirerResponseCode: '00',
        amount: input.amount ?? '',
        authorisationId: 'A1B2C3',
        captureMode: 'AUTHOR_CAPTURE',
        paymentAccountReference: 'PAR0123456789',
        responseCode: '00',
        transactionReference: input.transactionReference ?? '',
      };
    }
    if (input.transactionReference?.includes('DROP')) return 'drop';
    if (input.transactionReference?.includes('BAD'))
      return { errorFieldName: 'transactionReference', responseCode: '12' };
    return { responseCode: '00', schemeTokenExpiryDate: '203112' };
  }

  beforeAll(async () => {
    server = http.createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (c: Buffer) => chunks.push(c));
      request.on('end', () => {
        if (request.method === 'GET') {
          response
            .writeHead(200, { 'Content-Type': 'text/xml' })
            .end(fixture.replace('https://office-server.example', url));
          return;
        }
        const body = parseXml(Buffer.concat(chunks).toString('utf8')).children.find((c) => c.local === 'Body')!;
        const element = body.children[0]!;
        const input = Object.fromEntries(
          element.children.find((c) => c.local === 'input')!.children.map((c: XmlNode) => [c.local, c.text]),
        );
        calls.push(element.local);
        const reply = answer(element.local, input);
        if (reply === 'drop') {
          request.socket.destroy();
          return;
        }
        const sealed = { ...reply, seal: computeSeal(reply, DEFAULT_MERCHANT.secretKey, 'HMAC-SHA-256') };
        const fields = Object.entries(sealed)
          .map(([k, v]) => `<${k}>${v}</${k}>`)
          .join('');
        response
          .writeHead(200, { 'Content-Type': 'text/xml; charset=utf-8' })
          .end(
            `<?xml version="1.0"?><soap:Envelope ` +
              `xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><ck:${element.local}` +
              `Response xmlns:ck="http://checkout.office.v2.sips.example/"><output>${fields}</output></ck:` +
              `${element.local}Response></soap:Body></soap:Envelope>`,
          );
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    await cli(['fetch-wsdl', '--env', url, '--out', live, '--service', 'checkout']);
    generateOutput = await cli(['generate', '--wsdl', live, '--out', out]);
    generated = require(path.join(out, 'index.ts')) as Generated;
  });
  afterAll(async () => new Promise<void>((resolve) => server.close(() => resolve())));

  test('generate names what no dictionary knows, and the conventions it applied', () => {
    expect(generateOutput).toContain(
      'operation checkout.cardSchemeTokenRefresh (kind write by convention, outcome in responseCode, no ' +
        'recommended interfaceVersion)',
    );
    expect(generateOutput).toContain('field CardOrderResponse.paymentAccountReference (checkout.cardOrder reply)');
    const types = fs.readFileSync(path.join(out, 'checkout', 'types.ts'), 'utf8');
    // Renamed enum types still get their meanings (matched by field name); a plain string code field gets an open list.
    expect(types).toContain('Automatic capture after captureDay days (default).');
    expect(types).toMatch(/responseCode: ResponseCodeValue \| \(string & \{\}\);/);
    // No recommended version for the new operation: the type says interfaceVersion is required there.
    const refresh = types.slice(types.indexOf('export interface CardSchemeTokenRefreshRequest'));
    expect(refresh.slice(0, refresh.indexOf('\n}'))).toMatch(/\n {2}interfaceVersion: string;/);
  });

  test('the regenerated client compiles under tsc --strict', () => {
    const merchant = path.join(work, 'next', 'merchant.ts');
    fs.writeFileSync(
      merchant,
      [
        "import { createClient } from 'sogenactif-office';",
        "import { createServiceClients } from './sogenactif';",
        "const client = createClient({ merchantId: '002001000000001', secretKey: 'k', keyVersion: 1, " +
          "environment: 'TEST' });",
        'const office = createServiceClients(client.invoke);',
        "export const refreshed = office.checkout.cardSchemeTokenRefresh({ interfaceVersion: 'IR_WS_2.60', " +
          "transactionReference: 'R1' }).then((r) => r.schemeTokenExpiryDate);",
        "export const pan = office.checkout.cardOrder({ amount: 1, currencyCode: '978', cardNumber: '4', " +
          "cardExpiryDate: '203012' }).then((r) => r.paymentAccountReference);",
        '',
      ].join('\n'),
    );
    expect(compile([merchant])).toEqual([]);
  });

  test('known operation: a refusal is a DeclinedError, an approval returns the new field', async () => {
    const client = createClient({ ...DEFAULT_MERCHANT, environment: url });
    const office = generated.createServiceClients(client.invoke);
    const order = {
      amount: 900,
      currencyCode: '978',
      cardExpiryDate: '203012',
      orderChannel: 'INTERNET',
      transactionReference: 'NEXT1',
    };
    await expect(office.checkout!.cardOrder!({ ...order, cardNumber: '4100000000000005' })).rejects.toBeInstanceOf(
      DeclinedError,
    );
    await expect(office.checkout!.cardOrder!({ ...order, cardNumber: '4200000000000000' })).resolves.toMatchObject({
      responseCode: '00',
      paymentAccountReference: 'PAR0123456789',
      amount: 900,
    });
    client.close();
  });

  test('new operation: typed errors, its new field returned, a lost reply never resent', async () => {
    const client = createClient({
      ...DEFAULT_MERCHANT,
      environment: url,
      interfaceVersions: { checkout: 'IR_WS_2.60' },
      timeoutMs: 2000,
    });
    const office = generated.createServiceClients(client.invoke);
    await expect(office.checkout!.cardSchemeTokenRefresh!({ transactionReference: 'OK1' })).resolves.toMatchObject({
      responseCode: '00',
      schemeTokenExpiryDate: '203112',
    });
    await expect(office.checkout!.cardSchemeTokenRefresh!({ transactionReference: 'BAD1' })).rejects.toMatchObject({
      name: InvalidRequestError.name,
      code: '12',
      errorFieldName: 'transactionReference',
    });
    const before = calls.filter((c) => c === 'cardSchemeTokenRefresh').length;
    const lost = await office.checkout!.cardSchemeTokenRefresh!({ transactionReference: 'DROP1' }).catch(
      (e: unknown) => e,
    );
    expect(lost).toBeInstanceOf(TransportError);
    expect(lost).toMatchObject({ outcomeUnknown: true });
    expect(calls.filter((c) => c === 'cardSchemeTokenRefresh').length - before).toBe(1);
    client.close();
  });

  test('diff reports what no dictionary knows; --dictionary describes it; --no-dictionary: plain client', async () => {
    const diff = await cli(['diff', path.join(root, 'wsdl', 'checkout.wsdl'), path.join(live, 'checkout.wsdl')]);
    expect(diff).toContain('## Not in the dictionary (3)');
    expect(diff).toContain(
      '- operation checkout.cardSchemeTokenRefresh (kind write by convention, outcome in responseCode, no ' +
        'recommended interfaceVersion)',
    );
    const json = JSON.parse(
      await cli([
        'diff',
        path.join(root, 'wsdl', 'checkout.wsdl'),
        path.join(live, 'checkout.wsdl'),
        '--format',
        'json',
      ]),
    ) as { undocumented: string[] };
    expect(json.undocumented).toHaveLength(3);

    // A merchant's own notes for the new release: kind, version and field documentation.
    const notes = path.join(work, 'next', 'notes');
    fs.mkdirSync(notes, { recursive: true });
    fs.writeFileSync(
      path.join(notes, 'checkout.json'),
      JSON.stringify({
        scope: 'service',
        service: 'checkout',
        operations: {
          cardSchemeTokenRefresh: {
            kind: 'write',
            recommendedInterfaceVersion: 'IR_WS_2.60',
            description: 'Refreshes the scheme token of a card.',
          },
        },
        fields: {
          schemeTokenExpiryDate: { description: 'Expiry date of the refreshed scheme token (YYYYMM).', since: '2.60' },
        },
      }),
    );
    const overlaid = path.join(work, 'next', 'overlaid');
    const output = await cli(['generate', '--wsdl', live, '--out', overlaid, '--dictionary', notes]);
    expect(output).toContain('field CardOrderResponse.paymentAccountReference');
    expect(output).not.toContain('cardSchemeTokenRefresh');
    const operations = fs.readFileSync(path.join(overlaid, 'checkout', 'operations.ts'), 'utf8');
    expect(operations).toMatch(
      /Refreshes the scheme token of a card\.[\s\S]*recommendedInterfaceVersion: 'IR_WS_2\.60'/,
    );
    expect(fs.readFileSync(path.join(overlaid, 'checkout', 'types.ts'), 'utf8')).toContain(
      'Expiry date of the refreshed scheme token (YYYYMM).',
    );

    const plain = path.join(work, 'next', 'plain');
    const plainOutput = await cli(['generate', '--wsdl', live, '--out', plain, '--no-dictionary']);
    expect(plainOutput).not.toContain('no dictionary knows');
    const plainOperations = fs.readFileSync(path.join(plain, 'checkout', 'operations.ts'), 'utf8');
    expect(plainOperations).not.toContain('codeField');
    expect(plainOperations).not.toContain('recommendedInterfaceVersion');
    expect(fs.readFileSync(path.join(plain, 'checkout', 'types.ts'), 'utf8')).not.toContain(
      'Automatic capture after captureDay days',
    );
  });

  test('without interfaceVersion from anywhere, the call is refused locally, naming the ways to give one', async () => {
    const client = createClient({ ...DEFAULT_MERCHANT, environment: url });
    const office = generated.createServiceClients(client.invoke);
    const before = calls.length;
    await expect(office.checkout!.cardSchemeTokenRefresh!({ transactionReference: 'OK2' })).rejects.toThrow(
      new RegExp(
        String.raw`interfaceVersion is required: the contract recommends none for checkout\.cardSchemeTokenRefresh;` +
          String.raw` pass it in the request or set interfaceVersions\.checkout`,
      ),
    );
    expect(calls.length).toBe(before);
    client.close();
  });
});
