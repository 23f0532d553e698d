// Contract tests against servers built with the `soap` package on 127.0.0.1: node-soap must read our
// requests into the right fields, and we must read its replies.
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import * as soap from 'soap';
import {
  createClient,
  computeSeal,
  InvalidRequestError,
  SealMismatchError,
  TransportError,
  type SearchMandateResponse,
} from '../../src/runtime';
import { buildEnvelope } from '../../src/runtime/wire';
import { buildWireRecord } from '../../src/runtime/record';
import { getPdfMandateOperation, searchMandateOperation } from '../../generated';
import { startSimulator, DEFAULT_MERCHANT, type RunningSimulator } from '../../src/tools/simulator/server';
import { expectGolden } from '../support/golden';

const KEY = DEFAULT_MERCHANT.secretKey;

async function soapServer(
  handler: (args: Record<string, unknown>) => unknown,
): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const file = path.resolve('wsdl/mandate.wsdl');
  await new Promise<void>((resolve, reject) =>
    soap.listen(server, {
      path: '/services/v2/mandate',
      services: { MandateService: { cnv2MandateServiceImplPort: { searchMandate: handler } } },
      xml: fs.readFileSync(file, 'utf8'),
      uri: file,
      callback: (error: unknown) => (error ? reject(error) : resolve()),
    } as unknown as soap.IServerOptions),
  );
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

describe('request envelope', () => {
  test('golden searchMandate request (pinned values)', () => {
    const wire = buildWireRecord(
      { fields: searchMandateOperation.schema.structs.SearchMandateRequest.fields },
      {
        customerId: 'CUST-0001',
        interfaceVersion: 'MR_WS_2.58',
        merchantId: '002001000000001',
        keyVersion: 1,
        seal: '0'.repeat(64),
      },
      { schema: searchMandateOperation.schema, issues: [] },
    );
    wire.seal = computeSeal(wire, KEY);
    expectGolden('mandate/searchMandate.request.xml', `${buildEnvelope(searchMandateOperation, wire)}\n`);
  });

  test(
    'golden getPdfMandate request: the body element is getPDFMandate, as the data-dictionary SOAP sample writes ' +
      'it',
    () => {
      const wire = buildWireRecord(
        { fields: getPdfMandateOperation.schema.structs.GetPdfMandateRequest.fields },
        {
          interfaceVersion: 'MR_WS_2.58',
          keyVersion: 1,
          mandateId: '000000000000000677',
          merchantId: '002001000000001',
          seal: '0'.repeat(64),
        },
        { schema: getPdfMandateOperation.schema, issues: [] },
      );
      wire.seal = computeSeal(wire, KEY);
      const envelope = buildEnvelope(getPdfMandateOperation, wire);
      expect(envelope).toContain('<ns:getPDFMandate xmlns:ns="urn:sips:cn:contract:office:mandate:v2"><ns:input>');
      expectGolden('mandate/getPdfMandate.request.xml', `${envelope}\n`);
    },
  );
});

describe('node-soap server (soap.listen) with our WSDL', () => {
  test('reads our request into the right fields and we read and verify its reply', async () => {
    let received: Record<string, unknown> | undefined;
    const server = await soapServer((args) => {
      received = args;
      const output = {
        mandateResponseCode: '00',
        mandateList: {
          mandate: [
            { mandateId: 'M1', mandateStatus: 'ACTIVE' },
            { mandateId: 'M2', riskyMandate: 'Y' },
          ],
        },
      };
      const seal = computeSeal(
        {
          mandateResponseCode: '00',
          mandateList: [
            { mandateId: 'M1', mandateStatus: 'ACTIVE' },
            { mandateId: 'M2', riskyMandate: 'Y' },
          ],
        },
        KEY,
      );
      return { output: { ...output, seal } };
    });
    const client = createClient({ ...DEFAULT_MERCHANT, environment: server.url });
    try {
      const response: SearchMandateResponse = await client.mandate.searchMandate({ customerId: 'CUST-9' });
      const input = received!.input as Record<string, string>;
      expect(input).toEqual({
        customerId: 'CUST-9',
        interfaceVersion: 'MR_WS_2.58',
        keyVersion: '1',
        merchantId: '002001000000001',
        seal: computeSeal({ customerId: 'CUST-9', interfaceVersion: 'MR_WS_2.58', merchantId: '002001000000001' }, KEY),
      });
      expect(response.mandateList).toEqual([
        { mandateId: 'M1', mandateStatus: 'ACTIVE' },
        { mandateId: 'M2', riskyMandate: 'Y' },
      ]);
      expect(response.mandateResponseCode).toBe('00');
    } finally {
      client.close();
      await server.close();
    }
  });

  test('a one-item list is still an array; an absent list is absent', async () => {
    const server = await soapServer(() => ({
      output: {
        mandateResponseCode: '00',
        mandateList: { mandate: [{ mandateId: 'M1' }] },
        seal: computeSeal({ mandateResponseCode: '00', mandateList: [{ mandateId: 'M1' }] }, KEY),
      },
    }));
    const client = createClient({ ...DEFAULT_MERCHANT, environment: server.url });
    try {
      expect((await client.mandate.searchMandate({ customerId: 'C' })).mandateList).toEqual([{ mandateId: 'M1' }]);
    } finally {
      client.close();
      await server.close();
    }
  });

  test('a reply with a forged seal is an error, never a result', async () => {
    const server = await soapServer(() => ({
      output: { mandateResponseCode: '00', seal: computeSeal({ mandateResponseCode: '05' }, KEY) },
    }));
    const client = createClient({ ...DEFAULT_MERCHANT, environment: server.url });
    try {
      await expect(client.mandate.searchMandate({ customerId: 'C' })).rejects.toBeInstanceOf(SealMismatchError);
    } finally {
      client.close();
      await server.close();
    }
  });
});

describe('simulator: the five mandate operations end to end', () => {
  let simulator: RunningSimulator;
  beforeAll(async () => {
    simulator = await startSimulator();
  });
  afterAll(async () => simulator.close());
  const client = () => createClient({ ...DEFAULT_MERCHANT, environment: simulator.url });

  test('initialize, finalize, search, getMandateData, getPdfMandate', async () => {
    const c = client();
    try {
      const init = await c.mandate.initializeMandate({
        customerId: 'CUST-77',
        iban: 'FR7630006000011234567890189',
        merchantReturnUrl: 'https://shop.example/back',
        mandateUsage: 'ONE_OFF',
      });
      expect(init).toMatchObject({ mandateResponseCode: '00', messageVersion: '1.0' });
      expect(init.redirectionUrl).toBe(`${simulator.url}/simulator/mandate`);
      const final = await c.mandate.finalizeMandate({
        messageVersion: init.messageVersion!,
        redirectionData: init.redirectionData!,
      });
      // The reply is flat (the data-dictionary page's sample); the IBAN comes back masked.
      expect(final).toMatchObject({
        mandateId: init.mandateId,
        mandateStatus: 'ACTIVE',
        iban: 'FR76#####################89',
      });
      const search = await c.mandate.searchMandate({ customerId: 'CUST-77' });
      expect(search.mandateList?.map((m) => m.mandateId)).toEqual([init.mandateId]);
      const data = await c.mandate.getMandateData({ mandateId: init.mandateId! });
      expect(data.mandateStatus).toBe('ACTIVE');
      const pdf = await c.mandate.getPdfMandate({ mandateId: init.mandateId! });
      expect(Buffer.from(pdf.mandatePdf!, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
    } finally {
      c.close();
    }
  });

  test.each([
    [
      'unknown mandate (25)',
      (c: ReturnType<typeof client>) => c.mandate.getMandateData({ mandateId: 'NOPE' }),
      InvalidRequestError,
      { code: '25', codeField: 'mandateResponseCode', codeMeaning: 'Unknown mandate' },
    ],
    [
      'finalize without a session (25)',
      (c: ReturnType<typeof client>) => c.mandate.finalizeMandate({ messageVersion: '1.0', redirectionData: 'x' }),
      InvalidRequestError,
      { code: '25' },
    ],
  ])('%s', async (_label, call, errorClass, fields) => {
    const c = client();
    try {
      const error = await call(c).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(errorClass);
      expect(error).toMatchObject({
        operation: expect.stringMatching(/^mandate\./),
        fault: 'client',
        retryable: false,
        ...fields,
      });
    } finally {
      c.close();
    }
  });

  test('node-soap client from the served WSDL calls searchMandate', async () => {
    const soapClient = await soap.createClientAsync(`${simulator.url}/services/v2/mandate?wsdl`, {
      endpoint: `${simulator.url}/services/v2/mandate`,
    });
    const input = {
      customerId: 'CUST-0001',
      interfaceVersion: 'MR_WS_2.58',
      keyVersion: 1,
      merchantId: '002001000000001',
    };
    const [result] = await soapClient.searchMandateAsync({ input: { ...input, seal: computeSeal(input, KEY) } });
    expect(result.output.mandateResponseCode).toBe('00');
    expect(result.output.mandateList.mandate).toHaveLength(2);
  });

  test('no server: a transport error that says nothing was sent', async () => {
    const c = createClient({ ...DEFAULT_MERCHANT, environment: 'http://127.0.0.1:9', timeoutMs: 2000 });
    try {
      const error = await c.mandate.searchMandate({ customerId: 'C' }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TransportError);
      expect(error).toMatchObject({ outcomeUnknown: false, retryable: true });
    } finally {
      c.close();
    }
  });
});

describe('response envelope', () => {
  test('golden searchMandate reply from the simulator, read back into the typed result', async () => {
    const simulator = await startSimulator();
    let body = '';
    const { createHttpTransport } = await import('../../src/runtime/transport');
    const http = createHttpTransport();
    const client = createClient({
      ...DEFAULT_MERCHANT,
      environment: simulator.url,
      transport: {
        post: async (options) => {
          const reply = await http.post(options);
          body = reply.body;
          return reply;
        },
        close: () => http.close(),
      },
    });
    try {
      const response = await client.mandate.searchMandate({ customerId: 'CUST-0001' });
      expectGolden('mandate/searchMandate.response.xml', `${body}\n`);
      expect(response.mandateList?.map((m) => [m.mandateId, m.mandateStatus])).toEqual([
        ['SDD-MANDATE-000001', 'ACTIVE'],
        ['SDD-MANDATE-000002', 'REVOKED'],
      ]);
    } finally {
      client.close();
      await simulator.close();
    }
  });

  test('the golden reply parses with a fixed transport (no server)', async () => {
    const fs2 = await import('node:fs');
    const body = fs2.readFileSync(path.join(__dirname, '..', 'golden/mandate/searchMandate.response.xml'), 'utf8');
    const client = createClient({
      ...DEFAULT_MERCHANT,
      environment: 'PROD',
      transport: {
        post: async () => ({ status: 200, contentType: 'text/xml; charset=utf-8', body }),
        close: () => undefined,
      },
    });
    const response = await client.mandate.searchMandate({ customerId: 'CUST-0001' });
    expect(response.mandateResponseCode).toBe('00');
    expect(response.mandateList).toHaveLength(2);
    expect(response.mandateList?.[0]).toMatchObject({
      iban: 'FR76##################89',
      riskyMandate: 'N',
      transactionActors: 'BTOC',
    });
  });
});
