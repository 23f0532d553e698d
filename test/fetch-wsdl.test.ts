// fetch-wsdl only goes where the environment is (issue 12, item 12): imports and redirects to another origin are
// refused unless --allow-host names it, and size limits apply to the bytes received and decoded, as they stream.
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { run } from '../src/cli/program';
import { fetchWsdls } from '../src/contract/fetch';
import { captureIo } from './cli-io';

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
const wsdl = (importUrl: string) => `<?xml version="1.0"?><definitions><types><xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"><xs:import schemaLocation="${importUrl}"/></xs:schema></types></definitions>`;

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
] as const)('%s to another origin is refused, nothing fetched or saved from it; --allow-host allows it', async (_label, routes) => {
  const environment = await serve(routes(internal.url));
  const dir = out();
  try {
    const io = captureIo();
    expect(await run(['fetch-wsdl', '--env', environment.url, '--out', dir, '--service', 'mandate'], io)).toBe(2);
    expect(io.err).toMatch(/another origin than the environment's; pass --allow-host 127\.0\.0\.1:\d+/);
    expect(internal.hits).toEqual([]);
    expect(fs.readdirSync(dir).filter((f) => fs.readFileSync(path.join(dir, f), 'utf8').includes('do not save me'))).toEqual([]);
    const allowed = captureIo();
    expect(await run(['fetch-wsdl', '--env', environment.url, '--out', dir, '--service', 'mandate', '--allow-host', new URL(internal.url).host], allowed)).toBe(0);
    expect(internal.hits).toEqual(['/secret.xsd']);
  } finally {
    internal.hits.length = 0;
    await environment.close();
  }
});

test('a gzip bomb (200 KiB that decodes to 250 MiB) is refused once the decoded bytes pass the limit, memory bounded', async () => {
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
    await expect(fetchWsdls({ environment: environment.url, outDir: out(), services: ['mandate'], maxBytes: 8 * 1024 * 1024 })).rejects.toThrow(/larger than 8388608 bytes once decoded/);
    const grew = (process.memoryUsage().rss - before) / 1048576;
    process.stdout.write(`fetch-wsdl: gzip bomb of ${(bomb.length / 1024).toFixed(0)} KiB refused; resident memory grew ${grew.toFixed(0)} MiB\n`);
    expect(grew).toBeLessThan(100);
  } finally {
    await environment.close();
  }
});

test('a plain reply larger than the limit is refused as it is received', async () => {
  const environment = await serve({ '/services/v2/mandate?wsdl': xml(`<a>${'x'.repeat(2 * 1024 * 1024)}</a>`) });
  try {
    await expect(fetchWsdls({ environment: environment.url, outDir: out(), services: ['mandate'], maxBytes: 1024 * 1024 })).rejects.toThrow(/larger than 1048576 bytes/);
  } finally {
    await environment.close();
  }
});
