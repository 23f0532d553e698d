// A keyless man in the middle on 127.0.0.1 for both wires (SOAP /services/v2, JSON /rs-services/v2), for the
// binding tests (issue 19): each exchange goes to a hook that may forward it (rewritten or not), record it, or
// answer it with a forged reply built from what it has seen. It never holds a merchant key.
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseXml, type XmlNode } from '../../src/runtime/wire/soap/xml';

export type Fields = Record<string, string>;

export interface Seen {
  readonly wire: 'soap' | 'json';
  readonly service: string;
  readonly operation: string;
  /** The request's flat top-level fields. */
  readonly fields: Fields;
  /**
   * Sends the request upstream (as `operation`, another operation for a swap) and returns the reply's flat fields and
   * text.
   */
  forward(operation?: string): Promise<{ fields: Fields; text: string }>;
  /** A reply of `operation` carrying `fields`, on this exchange's wire. */
  render(fields: Fields, operation?: string): string;
}

/** What a hook returns: the reply's text (forged or forwarded). */
export type Hook = (seen: Seen) => Promise<string>;

/** Flat top-level fields of a SOAP message's input/output wrapper. */
export function soapFields(xml: string): { operation: string; fields: Fields } {
  const body = parseXml(xml).children.find((c) => c.local === 'Body')!;
  const element = body.children[0]!;
  const wrapper: XmlNode = element.children[0]!;
  const fields: Fields = {};
  for (const child of wrapper.children) if (child.children.length === 0) fields[child.local] = child.text;
  return { operation: element.local.replace(/Response$/, ''), fields };
}

function jsonFields(text: string): Fields {
  const fields: Fields = {};
  for (const [key, value] of Object.entries(JSON.parse(text) as Record<string, unknown>)) {
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
      fields[key] = String(value);
  }
  return fields;
}

const escapeXml = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;');

function soapReply(service: string, operation: string, fields: Fields): string {
  const inner = Object.entries(fields)
    .map(([k, v]) => `<${k}>${escapeXml(v)}</${k}>`)
    .join('');
  return (
    `<?xml version="1.0"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><` +
    `${operation}Response xmlns="urn:sips:cn:contract:office:${service.toLowerCase()}:v2"><output>${inner}` +
    `</output></${operation}Response></soap:Body></soap:Envelope>`
  );
}

export interface MitmProxy {
  readonly url: string;
  hook: Hook;
  close(): Promise<void>;
}

/** Forwards everything unchanged until `hook` is replaced. */
export async function startMitmProxy(upstream: string): Promise<MitmProxy> {
  const state: { hook: Hook } = { hook: async (seen) => (await seen.forward()).text };
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (c: Buffer) => chunks.push(c));
    request.on('end', () => {
      void (async () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const path = request.url ?? '';
        const json = /^\/rs-services\/v2\/([A-Za-z]+)\/([A-Za-z]+)/.exec(path);
        const service = json ? json[1]! : /\/services\/v2\/([A-Za-z]+)/.exec(path)![1]!;
        const parsed = json ? { operation: json[2]!, fields: jsonFields(body) } : soapFields(body);
        const wire = json ? ('json' as const) : ('soap' as const);
        const seen: Seen = {
          wire,
          service,
          operation: parsed.operation,
          fields: parsed.fields,
          async forward(operation = parsed.operation) {
            const swapped = operation === parsed.operation ? body : body.split(parsed.operation).join(operation);
            const target = json ? path.replace(`/${parsed.operation}`, `/${operation}`) : path;
            const reply = await fetch(`${upstream}${target}`, {
              method: 'POST',
              body: swapped,
              headers: {
                'Content-Type': String(request.headers['content-type']),
                ...(json ? {} : { SOAPAction: '""' }),
              },
            });
            const text = await reply.text();
            return { text, fields: json ? jsonFields(text) : soapFields(text).fields };
          },
          render: (fields, operation = parsed.operation) =>
            json ? JSON.stringify(fields) : soapReply(service, operation, fields),
        };
        const text = await state.hook(seen);
        response.writeHead(200, { 'Content-Type': json ? 'application/json' : 'text/xml; charset=utf-8' });
        response.end(text);
      })().catch((error: unknown) => {
        response.writeHead(502);
        response.end(String(error));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    get hook() {
      return state.hook;
    },
    set hook(value: Hook) {
      state.hook = value;
    },
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
