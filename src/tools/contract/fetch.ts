// Downloads each service's live WSDL (`<base>/services/v2/<service>?wsdl`) and every XSD or WSDL it
// imports, saving them side by side with import locations rewritten to the local file names: every document is
// held until the whole contract is in (within a document count and a total size), then written at once.
import * as fs from 'node:fs';
import type * as Http from 'node:http';
import * as path from 'node:path';
import type * as Zlib from 'node:zlib';
import { baseUrl, type Environment, isLoopbackHost } from 'sogenactif-office/internal';

export interface FetchWsdlOptions {
  readonly environment: Environment;
  readonly outDir: string;
  readonly services: readonly string[];
  readonly timeoutMs?: number;
  /** Largest document accepted, in bytes, both as received and once decoded (default 8 MiB). */
  readonly maxBytes?: number;
  /** Most documents (WSDLs and everything they import) one fetch saves (default 100). */
  readonly maxDocuments?: number;
  /** Most bytes all the documents of one fetch add up to, once decoded (default 32 MiB). */
  readonly maxTotalBytes?: number;
  /** Other hosts (name, or name:port) imports and redirects may lead to; by default only the environment's origin. */
  readonly allowHosts?: readonly string[];
  /** Allow plain http:// to a non-loopback environment host. */
  readonly allowInsecureHttp?: boolean;
}

export interface FetchedFile {
  readonly url: string;
  readonly file: string;
}

/** A download refused or failed (another host, too large, not XML, HTTP error). */
export class FetchWsdlError extends Error {
  override readonly name = 'FetchWsdlError';
}

/** The defaults of the per-fetch caps (documented in the README and `fetch-wsdl --help`). */
export const FETCH_LIMITS = { maxBytes: 8 * 1024 * 1024, maxDocuments: 100, maxTotalBytes: 32 * 1024 * 1024 } as const;

/**
 * What a document references: comments and CDATA (kept as they are), and the start tags of wsdl:import,
 * xs:import, xs:include and xs:redefine (any prefix), whose location/schemaLocation attributes, double or single
 * quoted, are rewritten.
 */
const REFERENCING = new RegExp(
  String.raw`<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>` +
    String.raw`|<(?:[A-Za-z_][\w.-]*:)?(?:import|include|redefine)(?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*\s*\/?>`,
  'g',
);
const LOCATION_ATTRIBUTE = /(\s(?:schemaLocation|location)\s*=\s*)(?:"([^"]*)"|'([^']*)')/g;

/**
 * The network failed or the server answered with an HTTP error (connection refused, unknown host, reset, timed out,
 * HTTP 4xx/5xx): nothing was written. The CLI exits 3 (transport), not 2.
 */
export class FetchWsdlNetworkError extends FetchWsdlError {
  override readonly name = 'FetchWsdlError';
}

const MAX_REDIRECTS = 5;

interface DownloadPolicy {
  readonly timeoutMs: number;
  readonly maxBytes: number;
  /** Whether a URL may be fetched (same origin as the environment, or an allowed host). */
  readonly allowed: (url: URL) => boolean;
}

/** Where a URL may be fetched from: the environment's origin, plus `allowHosts`, over https (or http to loopback). */
function originPolicy(base: string, allowHosts: readonly string[], allowInsecureHttp: boolean): (url: URL) => boolean {
  const origin = new URL(base).origin;
  const hosts = new Set(allowHosts.map((h) => h.toLowerCase()));
  return (url) => {
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return false;
    if (url.protocol === 'http:' && !isLoopbackHost(url.hostname) && !allowInsecureHttp) return false;
    return url.origin === origin || hosts.has(url.hostname.toLowerCase()) || hosts.has(url.host.toLowerCase());
  };
}

/** A URL for messages: origin and path, never credentials or query. */
function shown(url: URL): string {
  return `${url.origin}${url.pathname}`;
}

/**
 * GET with redirects followed by hand (each target checked against the policy), the body counted as it arrives
 * and again as it is decompressed: a response is dropped as soon as either count passes the limit.
 */
async function download(url: string, policy: DownloadPolicy): Promise<string> {
  const http = require('node:http') as typeof Http;
  const https = require('node:https') as typeof Http;
  const zlib = require('node:zlib') as typeof Zlib;
  let target = new URL(url);
  const signal = AbortSignal.timeout(policy.timeoutMs);
  for (let hop = 0; ; hop++) {
    if (!policy.allowed(target))
      throw new FetchWsdlError(
        `GET ${target.origin}${target.pathname}: another origin than the environment's; pass --allow-host ` +
          `${target.host} to allow it`,
      );
    const current = target;
    const result = await new Promise<{ redirect?: string; text?: string }>((resolve, reject) => {
      const request = (current.protocol === 'https:' ? https : http).get(
        current,
        { signal, headers: { 'Accept-Encoding': 'gzip, deflate, br', Accept: 'text/xml, application/xml' } },
        (response) => {
          const status = response.statusCode ?? 0;
          if (status >= 300 && status < 400 && response.headers.location) {
            response.resume();
            resolve({ redirect: response.headers.location });
            return;
          }
          if (status < 200 || status >= 300) {
            response.resume();
            reject(new FetchWsdlNetworkError(`GET ${shown(current)}: HTTP ${status}`));
            return;
          }
          const declared = Number(response.headers['content-length']);
          if (Number.isFinite(declared) && declared > policy.maxBytes) {
            response.destroy();
            reject(
              new FetchWsdlError(
                `GET ${shown(current)}: larger than ${policy.maxBytes} bytes (Content-Length ${declared})`,
              ),
            );
            return;
          }
          const encoding = String(response.headers['content-encoding'] ?? 'identity').toLowerCase();
          const decoder =
            encoding === 'gzip' || encoding === 'x-gzip'
              ? zlib.createGunzip()
              : encoding === 'deflate'
                ? zlib.createInflate()
                : encoding === 'br'
                  ? zlib.createBrotliDecompress()
                  : undefined;
          if (!decoder && encoding !== 'identity') {
            response.destroy();
            reject(new FetchWsdlError(`GET ${shown(current)}: unsupported Content-Encoding ${encoding.slice(0, 20)}`));
            return;
          }
          let received = 0;
          let decoded = 0;
          const chunks: Buffer[] = [];
          let failed = false;
          const fail = (message: string, network = false): void => {
            if (failed) return;
            failed = true;
            response.destroy();
            decoder?.destroy();
            reject(new (network ? FetchWsdlNetworkError : FetchWsdlError)(`GET ${shown(current)}: ${message}`));
          };
          const collect = (chunk: Buffer): void => {
            decoded += chunk.length;
            if (decoded > policy.maxBytes) fail(`larger than ${policy.maxBytes} bytes once decoded, refused`);
            else chunks.push(chunk);
          };
          response.on('data', (chunk: Buffer) => {
            received += chunk.length;
            if (received > policy.maxBytes) fail(`larger than ${policy.maxBytes} bytes, refused`);
          });
          response.on('error', (error) => fail(error.message, true));
          const source = decoder ? response.pipe(decoder) : response;
          source.on('data', collect);
          source.on('error', (error: Error) => fail(`cannot decode the body (${error.message})`));
          source.on('end', () => {
            if (!failed) resolve({ text: Buffer.concat(chunks).toString('utf8') });
          });
        },
      );
      request.on('error', (error: NodeJS.ErrnoException) =>
        reject(
          new FetchWsdlNetworkError(
            error.name === 'AbortError'
              ? `GET ${shown(current)}: timed out after ${policy.timeoutMs} ms`
              : `GET ${shown(current)}: ${error.code ?? error.message}` +
                  `${error.code && error.code !== error.message ? ` (${error.message.slice(0, 200)})` : ''}`,
          ),
        ),
      );
    });
    if (result.redirect !== undefined) {
      if (hop >= MAX_REDIRECTS)
        throw new FetchWsdlError(`GET ${shown(new URL(url))}: more than ${MAX_REDIRECTS} redirects`);
      target = new URL(result.redirect, current);
      continue;
    }
    const text = result.text!;
    if (!text.trimStart().startsWith('<')) throw new FetchWsdlError(`GET ${shown(current)}: not an XML document`);
    return text;
  }
}

/** Rewrites every import/include/redefine location of a document through `rewrite` (comments left alone). */
export function rewriteLocations(text: string, rewrite: (location: string) => string): string {
  return text.replace(REFERENCING, (tag) => {
    if (tag.startsWith('<!')) return tag;
    return tag.replace(
      LOCATION_ATTRIBUTE,
      (_whole, start: string, double: string | undefined, single: string | undefined) => {
        const location = (double ?? single ?? '').replace(/&amp;/g, '&');
        return `${start}"${rewrite(location).replace(/&/g, '&amp;').replace(/"/g, '&quot;')}"`;
      },
    );
  });
}

export async function fetchWsdls(options: FetchWsdlOptions): Promise<FetchedFile[]> {
  const base = baseUrl(options.environment, { allowInsecureHttp: options.allowInsecureHttp === true });
  const policy: DownloadPolicy = {
    timeoutMs: options.timeoutMs ?? 30_000,
    maxBytes: options.maxBytes ?? FETCH_LIMITS.maxBytes,
    allowed: originPolicy(base, options.allowHosts ?? [], options.allowInsecureHttp === true),
  };
  const maxDocuments = options.maxDocuments ?? FETCH_LIMITS.maxDocuments;
  const maxTotalBytes = options.maxTotalBytes ?? FETCH_LIMITS.maxTotalBytes;
  const byUrl = new Map<string, string>();
  const taken = new Set<string>();
  const pending: { url: string; file: string }[] = [];
  const fileFor = (url: string, preferred: string): string => {
    const known = byUrl.get(url);
    if (known) return known;
    const cleaned = preferred.replace(/[^A-Za-z0-9._-]+/g, '_');
    const clean = cleaned === '' || /^\.+$/.test(cleaned) ? 'document.xsd' : cleaned;
    let name = clean;
    for (let i = 2; taken.has(name.toLowerCase()); i++) name = clean.replace(/(\.[^.]*)?$/, (ext) => `-${i}${ext}`);
    taken.add(name.toLowerCase());
    byUrl.set(url, name);
    if (byUrl.size > maxDocuments) {
      throw new FetchWsdlError(
        `the contract imports more than ${maxDocuments}` +
          ` documents; nothing was saved (raise the limit with --max-documents if this contract is genuine)`,
      );
    }
    pending.push({ url, file: name });
    return name;
  };
  for (const service of options.services) fileFor(`${base}/services/v2/${service}?wsdl`, `${service}.wsdl`);
  // Every document is held until the whole contract is in: a refusal (another origin, a cap) leaves nothing behind.
  const documents: { url: string; file: string; text: string }[] = [];
  let total = 0;
  while (pending.length > 0) {
    const { url, file } = pending.shift()!;
    const text = await download(url, policy);
    total += Buffer.byteLength(text);
    if (total > maxTotalBytes) {
      throw new FetchWsdlError(
        `the contract's documents add up to more than ${maxTotalBytes}` +
          ` bytes; nothing was saved (raise the limit with --max-total-bytes if this contract is genuine)`,
      );
    }
    const rewritten = rewriteLocations(text, (location) => {
      let target: URL;
      try {
        target = new URL(location, url);
      } catch {
        throw new FetchWsdlError(`${file} imports a location that is not a URL; nothing was saved`);
      }
      if (target.protocol !== 'http:' && target.protocol !== 'https:')
        throw new FetchWsdlError(
          `${file} imports a ${target.protocol} location; only http(s) imports are fetched; nothing was saved`,
        );
      // Refused now, before anything is saved: an import must not make the tool fetch an internal URL.
      if (!policy.allowed(target))
        throw new FetchWsdlError(
          `${file} imports ${target.origin}${target.pathname}` +
            `, another origin than the environment's; pass --allow-host ${target.host} to allow it`,
        );
      return fileFor(
        target.toString(),
        path.posix.basename(target.pathname) + (target.search && !/\.(xsd|wsdl)$/i.test(target.pathname) ? '.xsd' : ''),
      );
    });
    documents.push({ url, file, text: rewritten });
  }
  writeAll(options.outDir, documents);
  return documents.map(({ url, file }) => ({ url, file }));
}

/**
 * Writes the documents into outDir; when a write fails, what this call wrote is removed (and outDir, if it made it).
 */
function writeAll(outDir: string, documents: readonly { file: string; text: string }[]): void {
  const existed = fs.existsSync(outDir);
  const written: string[] = [];
  try {
    fs.mkdirSync(outDir, { recursive: true });
    for (const { file, text } of documents) {
      const target = path.join(outDir, file);
      fs.writeFileSync(target, text);
      written.push(target);
    }
  } catch (error) {
    for (const target of written) fs.rmSync(target, { force: true });
    if (!existed) fs.rmSync(outDir, { recursive: true, force: true });
    throw error;
  }
}
