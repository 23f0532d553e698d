// Helpers shared by the benchmarks: statistics, timing, child processes, result rows.
import { spawn } from 'node:child_process';
import * as http from 'node:http';
import * as path from 'node:path';

export const ROOT = path.resolve(__dirname, '../..');
export const BENCH_DIR = __dirname;
export const WSDL_DIR = path.join(ROOT, 'wsdl');
export const SERVICES = [
  'authentication',
  'cashManagement',
  'checkout',
  'diagnostic',
  'fraud',
  'mandate',
  'paymentMeanInfo',
  'token',
  'wallet',
] as const;

export interface Row {
  readonly name: string;
  readonly ours: number;
  readonly baseline: number | null;
  readonly unit: string;
  readonly ratio: number | null;
}

/** What the table prints besides the row: the goal and what each side includes. */
export interface Result extends Row {
  readonly goal?: number;
  readonly includes: string;
  /** Further figures printed under the table (not in results.json). */
  readonly details: readonly string[];
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** min–max of a set of per-round figures, for the spread shown beside a median. */
export function spread(values: readonly number[], digits = 1): string {
  return `${fmt(Math.min(...values), digits)}–${fmt(Math.max(...values), digits)}`;
}

export function fmt(value: number, digits = 1): string {
  return Number.isFinite(value) ? value.toFixed(digits) : String(value);
}

export function round(value: number, digits = 3): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

export function row(result: Omit<Result, 'ratio'>): Result {
  const ratio = result.baseline === null ? null : round(result.ours / result.baseline, 3);
  return { ...result, ratio };
}

/** CPU microseconds (user + system, all threads of this process) spent by `fn`, and its wall time. */
export async function measure(fn: () => Promise<void>): Promise<{ cpuUs: number; wallMs: number }> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  await fn();
  const wallMs = performance.now() - started;
  const used = process.cpuUsage(cpu);
  return { cpuUs: used.user + used.system, wallMs };
}

export interface ChildResult {
  readonly stdout: string;
  readonly wallMs: number;
}

/** Runs a child process to completion (bounded by timeoutMs) and returns its stdout and wall time. */
export function runChild(
  command: string,
  args: readonly string[],
  options: { timeoutMs?: number; cwd?: string } = {},
): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, { cwd: options.cwd ?? ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 120_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const wallMs = performance.now() - started;
      if (code !== 0)
        reject(
          new Error(
            `${path.basename(command)} ${args.join(' ')} exited with ${code ?? signal}:\n${stderr.slice(-2000)}`,
          ),
        );
      else resolve({ stdout, wallMs });
    });
  });
}

/** The last line of a child's output, parsed as JSON (children print one JSON line with their figures). */
export function lastJson<T>(stdout: string): T {
  const lines = stdout.trim().split('\n');
  return JSON.parse(lines[lines.length - 1]!) as T;
}

export function log(message: string): void {
  process.stderr.write(`${message}\n`);
}

export interface ServerChild {
  /** The JSON line the child printed when ready. */
  readonly ready: Record<string, unknown>;
  /** CPU µs (user + system) the child has used so far: it answers "cpu" lines on its stdin. */
  cpuUs(): Promise<number>;
  stop(): Promise<void>;
}

/**
 * Starts a long-lived child (a server) and waits for the JSON line it prints when ready. The child answers each
 * "cpu" line on its stdin with {"cpuUs":N} and exits when its stdin closes.
 */
export function startChild(command: string, args: readonly string[], timeoutMs = 60_000): Promise<ServerChild> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: ROOT, stdio: ['pipe', 'pipe', 'inherit'] });
    let buffered = '';
    let ready: Record<string, unknown> | undefined;
    const waiting: ((line: string) => void)[] = [];
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${args.join(' ')}: not ready within ${timeoutMs} ms`));
    }, timeoutMs);
    const exited = new Promise<void>((done) => child.once('exit', () => done()));
    child.once('error', reject);
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      for (let newline = buffered.indexOf('\n'); newline >= 0; newline = buffered.indexOf('\n')) {
        const line = buffered.slice(0, newline);
        buffered = buffered.slice(newline + 1);
        if (ready) {
          waiting.shift()?.(line);
          continue;
        }
        clearTimeout(timer);
        ready = JSON.parse(line) as Record<string, unknown>;
        resolve({
          ready,
          cpuUs: () =>
            new Promise<number>((answer) => {
              waiting.push((reply) => answer((JSON.parse(reply) as { cpuUs: number }).cpuUs));
              child.stdin.write('cpu\n');
            }),
          stop: async () => {
            child.stdin.end();
            const killer = setTimeout(() => child.kill('SIGKILL'), 5_000);
            await exited;
            clearTimeout(killer);
          },
        });
      }
    });
  });
}

/** For a child started with startChild: answers "cpu" lines on stdin, exits when stdin closes (or after maxMs). */
export function serveChildControl(onEnd: () => void, maxMs = 10 * 60_000): void {
  let pending = '';
  process.stdin.setEncoding('utf8');
  process.stdin.on('data', (chunk: string) => {
    pending += chunk;
    for (let newline = pending.indexOf('\n'); newline >= 0; newline = pending.indexOf('\n')) {
      const command = pending.slice(0, newline).trim();
      pending = pending.slice(newline + 1);
      if (command === 'cpu') {
        const used = process.cpuUsage();
        process.stdout.write(`${JSON.stringify({ cpuUs: used.user + used.system })}\n`);
      }
    }
  });
  process.stdin.on('end', onEnd);
  setTimeout(() => process.exit(0), maxMs).unref();
}

/** A bare keep-alive POST of a fixed envelope: the server-plus-network floor under both clients. */
export function bareCall(url: string, envelope: string): () => Promise<void> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const body = Buffer.from(envelope, 'utf8');
  return () =>
    new Promise<void>((resolve, reject) => {
      const request = http.request(
        url,
        {
          method: 'POST',
          agent,
          headers: {
            'Content-Type': 'text/xml; charset=utf-8',
            SOAPAction: '""',
            'Content-Length': String(body.length),
          },
        },
        (response) => {
          response.on('data', () => {});
          response.on('end', () =>
            response.statusCode === 200 ? resolve() : reject(new Error(`HTTP ${response.statusCode}`)),
          );
        },
      );
      request.on('error', reject);
      request.end(body);
    });
}
