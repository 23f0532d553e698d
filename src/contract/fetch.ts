// Downloads each service's live WSDL (`<base>/services/v2/<service>?wsdl`) and every XSD or WSDL it
// imports, saving them side by side with import locations rewritten to the local file names.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { baseUrl, type Environment } from '../endpoints';

export interface FetchWsdlOptions {
  readonly environment: Environment;
  readonly outDir: string;
  readonly services: readonly string[];
  readonly timeoutMs?: number;
  /** Largest document accepted, in bytes (default 8 MiB). */
  readonly maxBytes?: number;
}

export interface FetchedFile {
  readonly url: string;
  readonly file: string;
}

const REFERENCE = /((?:schemaLocation|location)\s*=\s*")([^"]+)(")/g;

async function download(url: string, timeoutMs: number, maxBytes: number): Promise<string> {
  const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), redirect: 'follow' });
  if (!response.ok) throw new Error(`GET ${url}: HTTP ${response.status}`);
  const text = await response.text();
  if (Buffer.byteLength(text) > maxBytes) throw new Error(`GET ${url}: larger than ${maxBytes} bytes`);
  if (!text.trimStart().startsWith('<')) throw new Error(`GET ${url}: not an XML document`);
  return text;
}

export async function fetchWsdls(options: FetchWsdlOptions): Promise<FetchedFile[]> {
  const base = baseUrl(options.environment);
  const timeoutMs = options.timeoutMs ?? 30_000;
  const maxBytes = options.maxBytes ?? 8 * 1024 * 1024;
  const byUrl = new Map<string, string>();
  const taken = new Set<string>();
  const pending: { url: string; file: string }[] = [];
  const fileFor = (url: string, preferred: string): string => {
    const known = byUrl.get(url);
    if (known) return known;
    const clean = preferred.replace(/[^A-Za-z0-9._-]+/g, '_') || 'document.xsd';
    let name = clean;
    for (let i = 2; taken.has(name.toLowerCase()); i++) name = clean.replace(/(\.[^.]*)?$/, (ext) => `-${i}${ext}`);
    taken.add(name.toLowerCase());
    byUrl.set(url, name);
    pending.push({ url, file: name });
    return name;
  };
  for (const service of options.services) fileFor(`${base}/services/v2/${service}?wsdl`, `${service}.wsdl`);
  fs.mkdirSync(options.outDir, { recursive: true });
  const fetched: FetchedFile[] = [];
  while (pending.length > 0) {
    const { url, file } = pending.shift()!;
    const text = await download(url, timeoutMs, maxBytes);
    const rewritten = text.replace(REFERENCE, (whole, start: string, location: string, end: string) => {
      if (/^https?:\/\/[^/]+\/services\/v2\/[A-Za-z0-9]+$/.test(location) && start.startsWith('location')) return whole; // soap:address
      const target = new URL(location, url);
      if (target.protocol !== 'http:' && target.protocol !== 'https:') return whole;
      const name = fileFor(target.toString(), path.posix.basename(target.pathname) + (target.search && !/\.(xsd|wsdl)$/i.test(target.pathname) ? '.xsd' : ''));
      return `${start}${name}${end}`;
    });
    fs.writeFileSync(path.join(options.outDir, file), rewritten);
    fetched.push({ url, file });
  }
  return fetched;
}
