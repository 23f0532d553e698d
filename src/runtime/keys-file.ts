// The keys file: JSON `{ "merchants": [ { "merchantId", "keys": [ { "version", "secret" | "secretEnv" } ] } ] }`
// read into the keyring's merchants list. `secretEnv` names an environment variable, so the file need not hold
// secrets. Errors name the file and the field, never a secret nor the file's text.
import { readFileSync } from 'node:fs';
import { describeIssues, InvalidRequestError, type FieldIssue } from './errors';
import { checkMerchants, type MerchantKeys } from './keyring';

/** Reads and checks a keys file (InvalidRequestError naming every bad field; nothing secret in it). */
export function loadKeysFile(file: string, env: NodeJS.ProcessEnv = process.env): MerchantKeys[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new InvalidRequestError(
      `keys file ${file}: cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
      { fields: [{ field: 'keys', problem: 'cannot be read' }] },
    );
  }
  return parseKeysFile(text, env, file);
}

/** The merchants list of a keys file's text, `secretEnv` resolved from `env`. */
export function parseKeysFile(
  text: string,
  env: NodeJS.ProcessEnv = process.env,
  source = 'keys file',
): MerchantKeys[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    // JSON.parse's message may quote the text, which may hold a secret: never repeated.
    throw new InvalidRequestError(`${source}: not valid JSON`, {
      fields: [{ field: 'keys', problem: 'must be JSON' }],
    });
  }
  const issues: FieldIssue[] = [];
  const list = (parsed as { merchants?: unknown } | null)?.merchants;
  const merchants: MerchantKeys[] = [];
  if (parsed === null || typeof parsed !== 'object' || !Array.isArray(list)) {
    issues.push({
      field: 'merchants',
      problem:
        'must be a list: { "merchants": [ { "merchantId": "...", "keys": [ { "version": 1, "secretEnv": "NAME" } ' +
        '] } ] }',
    });
  } else {
    list.forEach((merchant: unknown, index) => {
      const keys = (merchant as { keys?: unknown } | null)?.keys;
      if (!Array.isArray(keys)) {
        merchants.push(merchant as MerchantKeys);
        return;
      }
      const resolved = keys.map((key: unknown, k) => {
        if (key === null || typeof key !== 'object') return key;
        const { version, secret, secretEnv, ...rest } = key as {
          version?: unknown;
          secret?: unknown;
          secretEnv?: unknown;
        };
        const at = `merchants[${index}].keys[${k}]`;
        for (const name of Object.keys(rest))
          issues.push({ field: `${at}.${name}`, problem: 'is not a key field (version, secret or secretEnv)' });
        if (secret !== undefined && secretEnv !== undefined)
          issues.push({ field: `${at}`, problem: 'has both secret and secretEnv: give one' });
        if (secretEnv === undefined) return { version, secret };
        if (typeof secretEnv !== 'string' || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(secretEnv)) {
          issues.push({ field: `${at}.secretEnv`, problem: 'must name an environment variable' });
          return { version, secret: 'unset' };
        }
        const value = env[secretEnv];
        if (value === undefined || value === '')
          issues.push({ field: `${at}.secretEnv`, problem: `names ${secretEnv}, which is not set in the environment` });
        return { version, secret: value || 'unset' };
      });
      merchants.push({ ...(merchant as object), keys: resolved } as unknown as MerchantKeys);
    });
    issues.push(...checkMerchants(merchants));
  }
  if (issues.length > 0) throw new InvalidRequestError(`${source}: ${describeIssues(issues)}`, { fields: issues });
  return merchants;
}
