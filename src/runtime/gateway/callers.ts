// Who may call the gateway: loopback callers (the default, no token), a unix socket (its file permissions decide),
// or bearer tokens from a file, each allowed a set of merchants. Host is checked (no DNS rebinding), any Origin is
// refused (no browser, no CORS). Tokens are compared by their SHA-256, in constant time, and never logged.
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import type * as http from 'node:http';
import { isLoopbackHost } from '../endpoints';
import { describeIssues, InvalidRequestError, type FieldIssue } from '../errors';
import { MERCHANT_ID_FORMAT } from '../platform-rules';

/** One caller allowed by token: its name (what the log shows), the token's SHA-256, and the merchants it may use. */
export interface CallerToken {
  readonly name: string;
  /** SHA-256 of the token, lowercase hex (the file may hold `sha256`, `token` or `tokenEnv`). */
  readonly sha256: string;
  /** The merchantIds this caller may use; `["*"]` for every merchant of the keyring. */
  readonly merchants: readonly string[];
}

/** Who is calling, once admitted. */
export interface Caller {
  /** `loopback`, `socket`, or the token's name. */
  readonly name: string;
  /** undefined: every merchant of the keyring. */
  readonly merchants?: ReadonlySet<string>;
}

export type Admission =
  | { readonly ok: true; readonly caller: Caller }
  | { readonly ok: false; readonly code: 'Unauthorized' | 'Forbidden'; readonly reason: string };

const sha256 = (text: string): string => crypto.createHash('sha256').update(text, 'utf8').digest('hex');

/**
 * The tokens file: `{ "tokens": [ { "name": "erp", "tokenEnv": "ERP_TOKEN" | "token": "..." | "sha256": "<hex>",
 * "merchants": ["002001000000001"] } ] }`. Errors name the field, never a token.
 */
export function loadTokensFile(file: string, env: NodeJS.ProcessEnv = process.env): CallerToken[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new InvalidRequestError(
      `tokens file ${file}: cannot be read as JSON (` + `${(error as NodeJS.ErrnoException).code ?? 'not valid JSON'})`,
      { fields: [{ field: 'tokens', problem: 'must be a readable JSON file' }] },
    );
  }
  const list = (parsed as { tokens?: unknown } | null)?.tokens;
  const issues: FieldIssue[] = [];
  const tokens: CallerToken[] = [];
  if (!Array.isArray(list) || list.length === 0)
    issues.push({
      field: 'tokens',
      problem: 'must be a non-empty list of { name, token | tokenEnv | sha256, merchants }',
    });
  else {
    list.forEach((entry: unknown, index) => {
      const at = `tokens[${index}]`;
      const { name, token, tokenEnv, sha256: digest, merchants } = (entry ?? {}) as Record<string, unknown>;
      if (typeof name !== 'string' || !/^[A-Za-z0-9._-]{1,64}$/.test(name))
        issues.push({ field: `${at}.name`, problem: 'must be 1 to 64 letters, digits, dots, dashes or underscores' });
      const given = [token, tokenEnv, digest].filter((v) => v !== undefined).length;
      let hash: string | undefined;
      if (given !== 1) issues.push({ field: at, problem: 'must have exactly one of token, tokenEnv, sha256' });
      else if (typeof digest === 'string' && /^[0-9a-fA-F]{64}$/.test(digest)) hash = digest.toLowerCase();
      else if (typeof token === 'string' && token.length >= 16) hash = sha256(token);
      else if (typeof tokenEnv === 'string' && typeof env[tokenEnv] === 'string' && env[tokenEnv]!.length >= 16)
        hash = sha256(env[tokenEnv]!);
      else
        issues.push({
          field: digest !== undefined ? `${at}.sha256` : token !== undefined ? `${at}.token` : `${at}.tokenEnv`,
          problem:
            digest !== undefined
              ? 'must be 64 hex digits'
              : token !== undefined
                ? 'must be at least 16 characters'
                : 'must name an environment variable holding at least 16 characters',
        });
      if (
        !Array.isArray(merchants) ||
        merchants.some((m) => typeof m !== 'string' || (m !== '*' && !MERCHANT_ID_FORMAT.test(m)))
      )
        issues.push({ field: `${at}.merchants`, problem: 'must be a list of 15-digit merchantIds, or ["*"]' });
      if (hash && typeof name === 'string' && Array.isArray(merchants))
        tokens.push({ name, sha256: hash, merchants: merchants as string[] });
    });
  }
  if (issues.length > 0)
    throw new InvalidRequestError(`tokens file ${file}: ${describeIssues(issues)}`, { fields: issues });
  return tokens;
}

export interface AccessPolicy {
  readonly tokens?: readonly CallerToken[];
  /** Host header names accepted besides the loopback names and the bound host. */
  readonly allowedHosts: ReadonlySet<string>;
  /**
   * The server listens on a unix socket: its permissions are the access control (a token is still needed when tokens
   * are set).
   */
  readonly socket: boolean;
}

/** The Host header's name without its port, lowercase; undefined when absent or malformed. */
function hostName(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const match = /^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+)(?::\d{1,5})?$/.exec(header.trim());
  return match?.[1]!.toLowerCase();
}

/** Whether this request may be served, and as whom. */
export function admit(request: http.IncomingMessage, policy: AccessPolicy): Admission {
  if (request.headers.origin !== undefined) return { ok: false, code: 'Forbidden', reason: 'browser origin refused' };
  const host = hostName(request.headers.host);
  if (!host || (!isLoopbackHost(host) && !policy.allowedHosts.has(host)))
    return { ok: false, code: 'Forbidden', reason: 'host not allowed' };
  if (policy.tokens) {
    const header = request.headers.authorization;
    const match = typeof header === 'string' ? /^Bearer\s+(\S{1,512})$/i.exec(header.trim()) : null;
    if (!match) return { ok: false, code: 'Unauthorized', reason: 'no bearer token' };
    const presented = Buffer.from(sha256(match[1]!), 'hex');
    // Every token compared, so the time taken does not say which one matched.
    let found: CallerToken | undefined;
    for (const token of policy.tokens)
      if (crypto.timingSafeEqual(presented, Buffer.from(token.sha256, 'hex'))) found = token;
    if (!found) return { ok: false, code: 'Unauthorized', reason: 'unknown token' };
    return {
      ok: true,
      caller: { name: found.name, ...(found.merchants.includes('*') ? {} : { merchants: new Set(found.merchants) }) },
    };
  }
  if (policy.socket) return { ok: true, caller: { name: 'socket' } };
  const address = request.socket.remoteAddress ?? '';
  const loopback = address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.');
  return loopback
    ? { ok: true, caller: { name: 'loopback' } }
    : { ok: false, code: 'Forbidden', reason: 'not a loopback caller' };
}
