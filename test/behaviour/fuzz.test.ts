// Hostile and broken replies: every one of them must end in a result or a typed error, never a crash,
// a hang or an unhandled rejection. Seeded, so a failure reproduces.
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { computeSeal, createClient, SogenactifError, type HttpReply, type PostOptions } from '../../src/runtime';
import { mulberry32 } from '../support/random';

const merchant = { merchantId: '002001000000001', secretKey: '002001000000001_KEY1', keyVersion: 1 } as const;
const REPLIES = 10_000;

function envelope(element: string, namespace: string, fields: Record<string, unknown>, inner: string): string {
  const seal = computeSeal(fields as never, merchant.secretKey);
  return (
    `<?xml version="1.0" encoding="UTF-8"?><soap:Envelope ` +
    `xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><ns:${element} xmlns:ns="${namespace}` +
    `"><output>${inner}<seal>${seal}</seal></output></ns:${element}></soap:Body></soap:Envelope>`
  );
}

const searchReply = envelope(
  'searchMandateResponse',
  'urn:sips:cn:contract:office:mandate:v2',
  {
    mandateResponseCode: '00',
    mandateList: [
      { mandateId: 'M1', mandateStatus: 'ACTIVE' },
      { mandateId: 'M2', iban: 'FR76##89' },
    ],
  },
  '<mandateList><mandate><mandateId>M1</mandateId><mandateStatus>ACTIVE</mandateStatus></mandate><mandate>' +
    '<mandateId>M2</mandateId><iban>FR76##89</iban></mandate></mandateList><mandateResponseCode>00' +
    '</mandateResponseCode>',
);
const cardOrderReply = envelope(
  'cardOrderResponse',
  'urn:sips:cn:contract:office:checkout:v2',
  {
    responseCode: '05',
    acquirerResponseCode: '51',
    captureDay: '0',
    transactionReference: 'T1',
    maskedPan: '4100##########14',
  },
  '<acquirerResponseCode>51</acquirerResponseCode><captureDay>0</captureDay><maskedPan>4100##########14</maskedPan>' +
    '<responseCode>05</responseCode><transactionReference>T1</transactionReference>',
);
const fault =
  '<?xml version="1.0"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>' +
  '<soap:Fault><faultcode>soap:Server</faultcode><faultstring>boom</faultstring></soap:Fault></soap:Body>' +
  '</soap:Envelope>';

const HOSTILE = [
  '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 ' +
    '"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]><lolz>&lol2;</lolz>',
  '<!DOCTYPE foo [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><foo>&xxe;</foo>',
  '<?xml version="1.0"?><!DOCTYPE x SYSTEM "http://127.0.0.1:9/evil.dtd"><x/>',
  '&undefined;',
  '<![CDATA[',
  ']]>',
  '\u0000',
  '<soap:Envelope>',
  '</output>',
  '<output><seal>',
  '&#x0;',
  '&#99999999;',
  '<a b="1" b="2"/>',
  '<html><body>Service Unavailable</body></html>',
];

function mutate(base: string, random: () => number): { status: number; contentType: string; body: string } {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const at = () => Math.floor(random() * base.length);
  let body = base;
  const kind = Math.floor(random() * 12);
  switch (kind) {
    case 0:
      body = base.slice(0, at());
      break; // truncation
    case 1: {
      const i = at();
      body =
        base.slice(0, i) +
        String.fromCharCode(base.charCodeAt(i) ^ (1 << Math.floor(random() * 7))) +
        base.slice(i + 1); // bit flip
      break;
    }
    case 2: {
      const i = at();
      body = base.slice(0, i) + base.slice(i + 1 + Math.floor(random() * 20)); // deletion
      break;
    }
    case 3: {
      const i = at();
      body = base.slice(0, i) + pick(HOSTILE) + base.slice(i); // hostile insertion
      break;
    }
    case 4:
      body = pick(HOSTILE) + base;
      break; // DTD / entity bomb / external entity prefix
    case 5:
      body = base.replace(
        /<seal>[0-9a-f]+<\/seal>/,
        `<seal>${Array.from({ length: 64 }, () => Math.floor(random() * 16).toString(16)).join('')}</seal>`,
      );
      break; // wrong seal
    case 6:
      body = base.replace(/>(\d+)</, (_m, d: string) => `>${(Number(d) + 1 + Math.floor(random() * 9)) % 100}<`);
      break; // changed value, old seal
    case 7:
      body = `${'<a>'.repeat(1000 + Math.floor(random() * 20000))}`;
      break; // deep nesting
    case 8:
      body = '';
      break; // empty
    case 9:
      body = base.replace(/<seal>[0-9a-f]+<\/seal>/, '');
      break; // unsigned
    case 10:
      body = base.replace('urn:sips:cn:contract:office', pick(['urn:evil', 'urn:sips:cn:contract:office:x', '']));
      break; // wrong namespace
    default: {
      const i = at();
      const j = at();
      body =
        base.slice(0, Math.min(i, j)) +
        base.slice(Math.min(i, j), Math.max(i, j)).split('').reverse().join('') +
        base.slice(Math.max(i, j)); // scramble
    }
  }
  return {
    status: pick([200, 200, 200, 200, 500, 503, 404]),
    contentType: pick(['text/xml; charset=utf-8', 'text/xml', 'application/soap+xml', 'text/html', '']),
    body,
  };
}

test(`${REPLIES} generated and mutated replies each end in a result or a typed error`, async () => {
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);
  process.on('unhandledRejection', onUnhandled);
  const random = mulberry32(20261124);
  let current: HttpReply = { status: 200, contentType: 'text/xml', body: '' };
  const transport = { post: async (_options: PostOptions) => current, close: () => undefined };
  const client = createClient({
    ...merchant,
    environment: 'PROD',
    transport,
    retry: false,
    resolveUnknownOutcomes: false,
  });
  const outcomes = new Map<string, number>();
  const crashes: string[] = [];
  for (let i = 0; i < REPLIES; i++) {
    const base = [searchReply, cardOrderReply, fault][i % 3]!;
    current = mutate(base, random);
    const call =
      i % 3 === 1
        ? client.checkout.cardOrder({
            amount: 100,
            currencyCode: '978',
            cardNumber: '4200000000000000',
            cardExpiryDate: '203012',
            orderChannel: 'INTERNET',
          })
        : client.mandate.searchMandate({ customerId: 'C' });
    try {
      await call;
      outcomes.set('result', (outcomes.get('result') ?? 0) + 1);
    } catch (error) {
      if (error instanceof SogenactifError) outcomes.set(error.name, (outcomes.get(error.name) ?? 0) + 1);
      else
        crashes.push(
          `#${i}: ${(error as Error)?.name}: ${(error as Error)?.message} for ` +
            `${JSON.stringify(current.body.slice(0, 120))}`,
        );
    }
  }
  await new Promise((resolve) => setImmediate(resolve));
  process.off('unhandledRejection', onUnhandled);
  const total = [...outcomes.values()].reduce((a, b) => a + b, 0);
  process.stdout.write(
    `fuzz: ${REPLIES} replies, ${JSON.stringify(Object.fromEntries([...outcomes].sort()))}, crashes ` +
      `${crashes.length}, unhandled ${unhandled.length}\n`,
  );
  expect(crashes).toEqual([]);
  expect(unhandled).toEqual([]);
  expect(total).toBe(REPLIES);
  // Mutations that break the seal or the XML must never come back as results.
  expect(outcomes.get('SealMismatchError')).toBeGreaterThan(500);
  expect(outcomes.get('InvalidResponseError')).toBeGreaterThan(500);
});

test('a 64 MiB reply: refused at the size limit over HTTP, and from a replaced transport', async () => {
  const chunk = Buffer.alloc(1024 * 1024, 'a');
  const server = http.createServer((_request, response) => {
    response.writeHead(200, { 'Content-Type': 'text/xml' });
    let sent = 0;
    const write = (): void => {
      while (sent < 64) {
        sent++;
        if (!response.write(chunk)) return void response.once('drain', write);
      }
      response.end();
    };
    write();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const client = createClient({ ...merchant, environment: url, retry: false, maxResponseBytes: 4 * 1024 * 1024 });
  try {
    await expect(client.mandate.searchMandate({ customerId: 'C' })).rejects.toMatchObject({
      name: 'TransportError',
      message: expect.stringMatching(/larger than 4194304 bytes/),
    });
    const big = 'x'.repeat(64 * 1024 * 1024);
    const fixed = createClient({
      ...merchant,
      environment: 'PROD',
      retry: false,
      transport: { post: async () => ({ status: 200, contentType: 'text/xml', body: big }), close: () => undefined },
    });
    await expect(fixed.mandate.searchMandate({ customerId: 'C' })).rejects.toMatchObject({
      name: 'InvalidResponseError',
      message: expect.stringMatching(/larger than/),
    });
  } finally {
    client.close();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

// ---- Issue 12, item 10: parsing is linear in the reply's size, whatever the reply holds ----
import { parseStats, parseXml } from '../../src/runtime/wire/soap/xml';

/**
 * An adversarial reply of about `bytes` bytes: a root that declares many prefixes, then elements that each
 * declare more, with attributes, entity and character references, deep nesting and long names.
 */
function adversarial(bytes: number): { text: string; declarations: number } {
  let declarations = 2; // soap and m
  const head: string[] = ['<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"'];
  for (let i = 0; i < 2000; i++, declarations++) head.push(` xmlns:p${i}="urn:x:${i}"`);
  head.push('><soap:Body><m:searchMandateResponse xmlns:m="urn:sips:cn:contract:office:mandate:v2"><output>');
  const parts: string[] = [head.join('')];
  let size = parts[0]!.length;
  const longName = `n${'x'.repeat(1000)}`;
  for (let i = 0; size < bytes - 2000; i++) {
    let piece: string;
    switch (i % 4) {
      case 0: // a declaring element with attributes
        piece = `<p${i % 2000}:e xmlns:q${i}="urn:y:${i}" xmlns="urn:z" a="&amp;&lt;&#x41;" b='&#66;' q${i}:c="1"/>`;
        declarations += 2;
        break;
      case 1: // entity and character references in text
        piece = `<t>${'&amp;&#65;&#x42;&lt;&gt;&quot;&apos;'.repeat(20)}</t>`;
        break;
      case 2: // nesting, each level declaring a prefix
        piece =
          `${Array.from({ length: 100 }, (_, d) => `<d xmlns:r${d}="urn:d:${d}">`).join('')}` + `${'</d>'.repeat(100)}`;
        declarations += 100;
        break;
      default: // long names
        piece = `<${longName} ${longName}="v">text</${longName}>`;
    }
    parts.push(piece);
    size += piece.length;
  }
  parts.push('</output></m:searchMandateResponse></soap:Body></soap:Envelope>');
  return { text: parts.join(''), declarations };
}

test(
  'adversarial XML: work grows linearly (namespace operations bounded per declaration and element; 8x input, < ' +
    '16x time)',
  async () => {
    const small = adversarial(512 * 1024);
    const large = adversarial(4 * 1024 * 1024 - 4096);
    const measure = (text: string): number => {
      const started = process.hrtime.bigint();
      parseXml(text);
      return Number(process.hrtime.bigint() - started) / 1e6;
    };
    measure(small.text); // warm-up
    const smallMs = Math.min(measure(small.text), measure(small.text));
    const smallStats = { ...parseStats };
    const largeMs = Math.min(measure(large.text), measure(large.text));
    const largeStats = { ...parseStats };
    // Work bound: each declaration is pushed and popped once, each element resolves its prefix once.
    expect(smallStats.namespaceOperations).toBeLessThanOrEqual(2 * small.declarations + smallStats.elements);
    expect(largeStats.namespaceOperations).toBeLessThanOrEqual(2 * large.declarations + largeStats.elements);
    const ratio = largeMs / smallMs;
    // The whole client on the 4 MiB reply: refused (undeclared elements) after one linear parse.
    const client = createClient({
      ...merchant,
      environment: 'PROD',
      retry: false,
      transport: {
        post: async () => ({ status: 200, contentType: 'text/xml', body: large.text }),
        close: () => undefined,
      },
    });
    const started = performance.now();
    await expect(client.mandate.searchMandate({ customerId: 'C' })).rejects.toMatchObject({
      name: 'InvalidResponseError',
    });
    const clientMs = performance.now() - started;
    process.stdout.write(
      `xml: ${(small.text.length / 1048576).toFixed(2)} MiB in ${smallMs.toFixed(1)} ms, ` +
        `${(large.text.length / 1048576).toFixed(2)} MiB in ${largeMs.toFixed(1)} ms (ratio ${ratio.toFixed(1)}` +
        ` for 8x input); ` +
        (`namespace operations ${largeStats.namespaceOperations} for ${large.declarations} declarations and ` +
          `${largeStats.elements} elements; whole client call ${clientMs.toFixed(0)} ms\n`),
    );
    // Quadratic copying gave ~64x for 8x input; linear work gives ~8x (16x leaves room for GC and a busy machine).
    expect(ratio).toBeLessThan(16);
  },
);

test('malformed character references are refused, well-formed ones read; CR and CRLF read as LF', () => {
  for (const bad of ['&#12abc;', '&#x;', '&#;', '&#xZZ;', '&#-1;', '&#xD800;', '&#0;', '&#x110000;', '&#65']) {
    expect(() => parseXml(`<a>${bad}</a>`)).toThrow(/character reference|entity reference/);
  }
  expect(parseXml('<a>&#65;&#x42;&#x1F600;</a>').text).toBe('AB\u{1F600}');
  expect(parseXml('<a>one\r\ntwo\rthree&#13;</a>').text).toBe('one\ntwo\nthree\r');
  expect(parseXml('<a __proto__="x" constructor="y"/>').attributes).toMatchObject({ __proto__: 'x', constructor: 'y' });
  expect(() => parseXml('<constructor:a/>')).toThrow(/undeclared namespace prefix/);
});
