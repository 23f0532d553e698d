// fetch-wsdl only goes where the environment is (issue 12, item 12): imports and redirects to another origin are
// refused unless --allow-host names it, and size limits apply to the bytes received and decoded, as they stream.
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { run } from '../../src/tools/cli/program';
import { fetchWsdls } from '../../src/tools/contract/fetch';
import { captureIo } from '../support/cli-io';

type Routes = Record<string, (response: http.ServerResponse) => void>;
async function serve(routes: Routes): Promise<{ url: string; hits: string[]; close: () => Promise<void> }> {
  const hits: string[] = [];
  const server = http.createServer((request, response) => {
    hits.push(request.url ?? '');
    const route = routes[request.url ?? ''];
    if (route) route(response);
    else {
      response.writeHead(404);
      response.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    hits,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
const xml = (body: string) => (response: http.ServerResponse) => {
  response.writeHead(200, { 'Content-Type': 'text/xml' });
  response.end(body);
};
const wsdl = (importUrl: string) =>
  `<?xml version="1.0"?><definitions><types><xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"><xs:import ` +
  `schemaLocation="${importUrl}"/></xs:schema></types></definitions>`;

let internal: Awaited<ReturnType<typeof serve>>;
beforeAll(async () => {
  // Another origin (another port): stands for an internal URL the tool must not fetch.
  internal = await serve({ '/secret.xsd': xml('<internal>do not save me</internal>') });
});
afterAll(async () => internal.close());

const out = () => fs.mkdtempSync(path.join(os.tmpdir(), 'fetch-wsdl-'));

test.each([
  ['an import', (other: string) => ({ '/services/v2/mandate?wsdl': xml(wsdl(`${other}/secret.xsd`)) })],
  [
    'a redirect',
    (other: string) => ({
      '/services/v2/mandate?wsdl': (response: http.ServerResponse) => {
        response.writeHead(302, { Location: `${other}/secret.xsd` });
        response.end();
      },
    }),
  ],
] as const)(
  '%s to another origin is refused, nothing fetched or saved from it; --allow-host allows it',
  async (_label, routes) => {
    const environment = await serve(routes(internal.url));
    const dir = out();
    try {
      const io = captureIo();
      expect(await run(['fetch-wsdl', '--env', environment.url, '--out', dir, '--service', 'mandate'], io)).toBe(2);
      expect(io.err).toMatch(/another origin than the environment's; pass --allow-host 127\.0\.0\.1:\d+/);
      expect(internal.hits).toEqual([]);
      expect(
        fs.readdirSync(dir).filter((f) => fs.readFileSync(path.join(dir, f), 'utf8').includes('do not save me')),
      ).toEqual([]);
      const allowed = captureIo();
      expect(
        await run(
          [
            'fetch-wsdl',
            '--env',
            environment.url,
            '--out',
            dir,
            '--service',
            'mandate',
            '--allow-host',
            new URL(internal.url).host,
          ],
          allowed,
        ),
      ).toBe(0);
      expect(internal.hits).toEqual(['/secret.xsd']);
    } finally {
      internal.hits.length = 0;
      await environment.close();
    }
  },
);

test(
  'a gzip bomb (200 KiB that decodes to 250 MiB) is refused once the decoded bytes pass the limit, memory ' + 'bounded',
  async () => {
    const bomb = zlib.gzipSync(Buffer.alloc(250 * 1024 * 1024, ' '), { level: 9 });
    const environment = await serve({
      '/services/v2/mandate?wsdl': (response) => {
        response.writeHead(200, { 'Content-Type': 'text/xml', 'Content-Encoding': 'gzip' });
        response.end(bomb);
      },
    });
    try {
      global.gc?.();
      const before = process.memoryUsage().rss;
      await expect(
        fetchWsdls({ environment: environment.url, outDir: out(), services: ['mandate'], maxBytes: 8 * 1024 * 1024 }),
      ).rejects.toThrow(/larger than 8388608 bytes once decoded/);
      const grew = (process.memoryUsage().rss - before) / 1048576;
      process.stdout.write(
        `fetch-wsdl: gzip bomb of ${(bomb.length / 1024).toFixed(0)} KiB refused; resident memory grew ` +
          `${grew.toFixed(0)} MiB\n`,
      );
      expect(grew).toBeLessThan(100);
    } finally {
      await environment.close();
    }
  },
);

test('a plain reply larger than the limit is refused as it is received', async () => {
  const environment = await serve({ '/services/v2/mandate?wsdl': xml(`<a>${'x'.repeat(2 * 1024 * 1024)}</a>`) });
  try {
    await expect(
      fetchWsdls({ environment: environment.url, outDir: out(), services: ['mandate'], maxBytes: 1024 * 1024 }),
    ).rejects.toThrow(/larger than 1048576 bytes/);
  } finally {
    await environment.close();
  }
});

// Issue 19, item 4: every location form is rewritten; a fetch is capped in documents and total bytes; a
// refused or failed fetch leaves no folder behind.
describe('locations, caps and partial folders', () => {
  const shared =
    '<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:s"><xs:simpleType ' +
    'name="t"><xs:restriction base="xs:string"/></xs:simpleType></xs:schema>';

  test(
    'double- and single-quoted wsdl:import location and xs:import/include/redefine schemaLocation are all ' +
      'rewritten to the saved files',
    async () => {
      const root =
        `<?xml version="1.0"?>
<wsdl:definitions xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/" targetNamespace="urn:m">
  <!-- <xs:import schemaLocation="http://10.0.0.1/commented.xsd"/> stays a comment -->
  <wsdl:import namespace="urn:p" location='/more/part.wsdl'/>
  <wsdl:types><xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:m">
    <xs:import namespace="urn:s" schemaLocation='types.xsd?v=1&amp;x=2'/>
    <xs:include
       schemaLocation = "/x/inc.xsd"/>
    <xsd:redefine xmlns:xsd="http://www.w3.org/2001/XMLSchema" schemaLocation='red.xsd'></xsd:redefine>
  </xs:schema></wsdl:types>
  <wsdl:service name="S"><wsdl:port name="P" binding="b">` +
        `<soap:address xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/"` +
        ` location="https://office.example/services/v2/mandate"/></wsdl:port></wsdl:service>
</wsdl:definitions>`;
      const environment = await serve({
        '/services/v2/mandate?wsdl': xml(root),
        '/more/part.wsdl': xml(
          `<wsdl:definitions xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/"><wsdl:import ` +
            `location="../services/v2/deep.xsd"/></wsdl:definitions>`,
        ),
        '/services/v2/deep.xsd': xml(shared),
        '/services/v2/types.xsd?v=1&x=2': xml(shared),
        '/x/inc.xsd': xml(shared),
        '/services/v2/red.xsd': xml(shared),
      });
      const dir = out();
      try {
        const fetched = await fetchWsdls({ environment: environment.url, outDir: dir, services: ['mandate'] });
        expect(fetched.map((f) => f.file).sort()).toEqual([
          'deep.xsd',
          'inc.xsd',
          'mandate.wsdl',
          'part.wsdl',
          'red.xsd',
          'types.xsd',
        ]);
        const saved = fs.readFileSync(path.join(dir, 'mandate.wsdl'), 'utf8');
        // Every location of an import, include or redefine is now the name of a saved file beside it.
        const locations = [
          ...saved
            .replace(/<!--[\s\S]*?-->/g, '')
            .matchAll(
              /<(?:\w+:)?(?:import|include|redefine)\b[^>]*?\s(?:schemaLocation|location)\s*=\s*(["'])([^"']*)\1/g,
            ),
        ].map((m) => m[2]);
        expect(locations).toEqual(['part.wsdl', 'types.xsd', 'inc.xsd', 'red.xsd']);
        for (const location of locations) expect(fs.existsSync(path.join(dir, location!))).toBe(true);
        expect(fs.readFileSync(path.join(dir, 'part.wsdl'), 'utf8')).toContain('location="deep.xsd"');
        expect(saved).toContain('<!-- <xs:import schemaLocation="http://10.0.0.1/commented.xsd"/> stays a comment -->');
        // soap:address is not an import.
        expect(saved).toContain('location="https://office.example/services/v2/mandate"');
        expect(environment.hits).not.toContain('/commented.xsd');
      } finally {
        await environment.close();
      }
    },
  );

  /** A server whose document N imports document N+1, up to `count` documents. */
  function chain(count: number, padding = 0): Routes {
    const routes: Routes = { '/services/v2/mandate?wsdl': xml(wsdl('/d/1.xsd')) };
    for (let i = 1; i < count; i++)
      routes[`/d/${i}.xsd`] = xml(
        `<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"><xs:import schemaLocation='${i + 1}.xsd'/><!--` +
          `${' '.repeat(padding)}--></xs:schema>`,
      );
    routes[`/d/${count}.xsd`] = xml('<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"/>');
    return routes;
  }

  test(
    'more documents than the cap (default 100): refused with the flag to raise it, no folder left; ' +
      '--max-documents raises it',
    async () => {
      const environment = await serve(chain(150));
      const parent = out();
      const dir = path.join(parent, 'live');
      try {
        const io = captureIo();
        expect(await run(['fetch-wsdl', '--env', environment.url, '--out', dir, '--service', 'mandate'], io)).toBe(2);
        expect(JSON.parse(io.err)).toEqual({
          error: 'FetchWsdlError',
          message:
            'the contract imports more than 100 documents; nothing was saved (raise the limit with --max-documents ' +
            'if this contract is genuine)',
        });
        expect(fs.existsSync(dir)).toBe(false);
        expect(environment.hits.length).toBeLessThanOrEqual(100);
        const raised = captureIo();
        expect(
          await run(
            ['fetch-wsdl', '--env', environment.url, '--out', dir, '--service', 'mandate', '--max-documents', '151'],
            raised,
          ),
        ).toBe(0);
        expect(fs.readdirSync(dir)).toHaveLength(151);
      } finally {
        await environment.close();
      }
    },
  );

  test('more bytes in all than the cap: refused, no folder left; --max-total-bytes raises it', async () => {
    const environment = await serve(chain(4, 300 * 1024));
    const dir = path.join(out(), 'live');
    try {
      const io = captureIo();
      expect(
        await run(
          [
            'fetch-wsdl',
            '--env',
            environment.url,
            '--out',
            dir,
            '--service',
            'mandate',
            '--max-total-bytes',
            String(512 * 1024),
          ],
          io,
        ),
      ).toBe(2);
      expect(io.err).toContain(
        "the contract's documents add up to more than 524288 bytes; nothing was saved (raise the limit with " +
          '--max-total-bytes',
      );
      expect(fs.existsSync(dir)).toBe(false);
      expect(
        await run(
          [
            'fetch-wsdl',
            '--env',
            environment.url,
            '--out',
            dir,
            '--service',
            'mandate',
            '--max-total-bytes',
            String(2 * 1024 * 1024),
          ],
          captureIo(),
        ),
      ).toBe(0);
      expect(fs.readdirSync(dir)).toHaveLength(5);
    } finally {
      await environment.close();
    }
  });

  test('a fetch failing half way (an import answers 404) leaves no folder, nor files in an existing one', async () => {
    const routes = chain(3);
    delete routes['/d/3.xsd'];
    const environment = await serve(routes);
    const parent = out();
    try {
      await expect(
        fetchWsdls({ environment: environment.url, outDir: path.join(parent, 'live'), services: ['mandate'] }),
      ).rejects.toThrow(/HTTP 404/);
      expect(fs.existsSync(path.join(parent, 'live'))).toBe(false);
      fs.writeFileSync(path.join(parent, 'keep.txt'), 'mine');
      await expect(fetchWsdls({ environment: environment.url, outDir: parent, services: ['mandate'] })).rejects.toThrow(
        /HTTP 404/,
      );
      expect(fs.readdirSync(parent).sort()).toEqual(['keep.txt']);
    } finally {
      await environment.close();
    }
  });
});
