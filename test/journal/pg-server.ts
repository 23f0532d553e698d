// The throwaway PostgreSQL server of the journal tests (scripts/pg-test-server.sh), started synchronously so a
// suite can decide at collection time whether to run or to print SKIPPED with the reason.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export type TestPostgres = { readonly url: string; readonly stop: () => void } | { readonly skipped: string };

/** Starts a server in a temporary folder; `skipped` says why when it cannot (no binaries, no user to run it as). */
export function startTestPostgres(): TestPostgres {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pg-journal-'));
  const script = path.resolve('scripts/pg-test-server.sh');
  let url: string;
  try {
    url = execFileSync('bash', [script, 'start', dir], { encoding: 'utf8', timeout: 120_000 }).trim();
  } catch (error) {
    const out = String((error as { stdout?: string }).stdout ?? '').trim();
    fs.rmSync(dir, { recursive: true, force: true });
    return {
      skipped: out.startsWith('SKIP:')
        ? out.slice(5).trim()
        : `the server did not start: ${out || (error as Error).message}`,
    };
  }
  return {
    url,
    stop: () => {
      execFileSync('bash', [script, 'stop', dir], { encoding: 'utf8', timeout: 60_000 });
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
