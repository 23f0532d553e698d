// The journal commands of `sogenactif`: `recover` (settle what a crash left open), `journal list|show` (entries by
// state, date, reference) and `journal reconcile` (entries against the gateway's record), as tables or --json.
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { createClient, fileJournal, isFinalState, type JournalEntry, type JournalFilter, type JournalState, type PaymentJournal, postgresJournal, type ReconcileRow } from 'sogenactif-office/internal';
import { transportAlias, wireOf, wireOption } from './shared';

/** What the journal commands need of the program: output, environment, and the exit code to end with. */
export interface JournalCommandIo {
  readonly stdout: (text: string) => void;
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** Ends the command with `code` after its output was printed (the program maps it to the exit code). */
export class JournalExit extends CommanderError {
  constructor(code: number, message: string) {
    super(code, 'sogenactif.exit', message);
  }
}

const STATES: readonly JournalState[] = ['intent', 'sent', 'approved', 'refused', 'invalid', 'never-performed', 'unknown', 'needs-review'];

const positive = (value: string): number => {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 0) throw new InvalidArgumentError('expected a whole number');
  return n;
};
const dateOption = (value: string): Date => {
  const date = new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(date.getTime())) throw new InvalidArgumentError('expected a date (2026-12-07) or an ISO 8601 instant');
  return date;
};
const stateOption = (value: string, previous: JournalState[] = []): JournalState[] => {
  if (!STATES.includes(value as JournalState)) throw new InvalidArgumentError(`expected one of ${STATES.join(', ')}`);
  return [...previous, value as JournalState];
};

interface StoreOptions {
  readonly journal?: string;
  readonly postgres?: string;
  readonly table?: string;
}

/** Opens the store the options name; `write` takes the file's lock (recover), otherwise it is opened readOnly. */
async function openStore(options: StoreOptions, io: JournalCommandIo, write: boolean): Promise<{ journal: PaymentJournal; close: () => Promise<void> }> {
  const file = options.journal ?? io.env.SOGENACTIF_JOURNAL;
  const url = options.postgres ?? io.env.SOGENACTIF_JOURNAL_POSTGRES;
  if ((file ? 1 : 0) + (url ? 1 : 0) !== 1) throw new JournalExit(2, 'name one journal: --journal PATH or --postgres URL (or $SOGENACTIF_JOURNAL / $SOGENACTIF_JOURNAL_POSTGRES)');
  if (file) {
    const journal = fileJournal(file, { readOnly: !write });
    return { journal, close: () => journal.close() };
  }
  let pg: { Pool: new (config: { connectionString: string; max?: number }) => { query: (text: string, values?: unknown[]) => Promise<{ rows: Record<string, unknown>[] }>; end: () => Promise<void> } };
  try {
    pg = require('pg') as typeof pg;
  } catch {
    throw new JournalExit(2, '--postgres needs the pg package: npm install pg');
  }
  const pool = new pg.Pool({ connectionString: url!, max: 4 });
  const journal = postgresJournal(pool, options.table ? { table: options.table } : {});
  return {
    journal,
    close: async () => {
      await journal.close();
      await pool.end();
    },
  };
}

/** A plain text table: a header, then one line per row, columns padded. */
export function textTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]): string => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  return `${[line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n')}\n`;
}

const entryRow = (e: JournalEntry): string[] => [
  e.createdAt,
  e.operation,
  e.transactionReference ?? '',
  e.amount !== undefined ? `${e.amount} ${e.currencyCode ?? ''}`.trim() : '',
  e.state,
  e.outcome?.code ?? '',
  e.outcome?.transactionStatus ?? '',
  e.nextAttemptAt ?? '',
  e.id,
];
const ENTRY_HEADER = ['created', 'operation', 'reference', 'amount', 'state', 'code', 'status', 'next attempt', 'id'];

function storeOptions(command: Command): Command {
  return command
    .option('--journal <path>', 'the journal file (default: $SOGENACTIF_JOURNAL)')
    .option('--postgres <url>', 'the PostgreSQL journal, e.g. postgres://user@host/db (default: $SOGENACTIF_JOURNAL_POSTGRES; needs the pg package)')
    .option('--table <name>', 'the PostgreSQL journal table (default sogenactif_journal)');
}

/** The client `recover` and `reconcile` look payments up with: the same credentials and options as `call`. */
function clientFor(io: JournalCommandIo, journal: PaymentJournal, options: { env?: string; timeoutMs?: number; wire?: string; transport?: string }) {
  const { SOGENACTIF_MERCHANT_ID: merchantId, SOGENACTIF_SECRET_KEY: secretKey, SOGENACTIF_KEY_VERSION: keyVersion } = io.env;
  if (!merchantId || !secretKey || !keyVersion) throw new JournalExit(2, 'set SOGENACTIF_MERCHANT_ID, SOGENACTIF_SECRET_KEY and SOGENACTIF_KEY_VERSION');
  const wire = wireOf(options, (message) => new JournalExit(2, message));
  return createClient({
    merchantId,
    secretKey,
    keyVersion: Number(keyVersion),
    environment: options.env ?? io.env.SOGENACTIF_ENV ?? 'TEST',
    journal,
    ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
    ...(wire ? { wire } : {}),
  });
}

/** Adds `recover` and `journal list|show|reconcile` to the program. */
export function registerJournalCommands(program: Command, io: JournalCommandIo): void {
  storeOptions(program.command('recover'))
    .description('Settle every journal entry a crash left open: look each payment up (never resend it); exit 0 when all are final, 4 when some remain unknown')
    .option('--env <env>', 'PROD, TEST or a base URL (default: $SOGENACTIF_ENV or TEST)')
    .option('--timeout-ms <n>', 'deadline of each lookup', positive)
    .addOption(wireOption("'soap' or 'json'"))
    .addOption(transportAlias())
    .option('--grace-ms <n>', 'how long a reference unknown to the gateway may still be in flight (default: twice the timeout)', positive)
    .option('--max-attempts <n>', 'lookups before an entry needs review (default 8)', positive)
    .option('--batch-size <n>', 'entries claimed at a time (default 200); other recoverers take the rest meanwhile', positive)
    .option('--json', 'print the report as JSON')
    .addHelpText('after', '\nCredentials: SOGENACTIF_MERCHANT_ID, SOGENACTIF_SECRET_KEY, SOGENACTIF_KEY_VERSION, as for `call`.\nA journal file is locked: stop the process using it first (or call client.recover() in that process).')
    .action(async (options: StoreOptions & { env?: string; timeoutMs?: number; wire?: string; transport?: string; graceMs?: number; maxAttempts?: number; batchSize?: number; json?: boolean }) => {
      const store = await openStore(options, io, true);
      const client = clientFor(io, store.journal, options);
      try {
        const report = await client.recover({ ...(options.graceMs !== undefined ? { graceMs: options.graceMs } : {}), ...(options.maxAttempts ? { maxAttempts: options.maxAttempts } : {}), ...(options.batchSize ? { batchSize: options.batchSize } : {}) });
        if (options.json) io.stdout(`${JSON.stringify(report, null, 2)}\n`);
        else {
          io.stdout(textTable(['reference', 'operation', 'was', 'now', 'reason', 'next attempt'], report.entries.map((r) => [r.entry.transactionReference ?? r.entry.id, r.entry.operation, r.previousState, r.entry.state, (r.entry.outcome?.reason ?? '').slice(0, 90), r.entry.nextAttemptAt ?? ''])));
          io.stdout(`${report.entries.length} looked up, ${report.settled} settled, ${report.open} still open\n`);
        }
        if (!report.allFinal) throw new JournalExit(4, '');
      } finally {
        client.close();
        await store.close();
      }
    });

  const journal = program.command('journal').description('Read the payment journal: list and show entries, reconcile them with the gateway');
  storeOptions(journal.command('list'))
    .description('List journal entries, oldest first')
    .option('--state <state>', `only this state (repeatable): ${STATES.join(', ')}`, stateOption)
    .option('--open', 'only entries without a final state')
    .option('--since <date>', 'created at or after (2026-12-07 or an ISO instant)', dateOption)
    .option('--until <date>', 'created before', dateOption)
    .option('--reference <ref>', 'only this transactionReference')
    .option('--limit <n>', 'at most this many', positive)
    .option('--json', 'print JSON')
    .action(async (options: StoreOptions & { state?: JournalState[]; open?: boolean; since?: Date; until?: Date; reference?: string; limit?: number; json?: boolean }) => {
      const store = await openStore(options, io, false);
      try {
        const filter: JournalFilter = {
          ...(options.state ? { state: options.state } : {}),
          ...(options.open ? { open: true } : {}),
          ...(options.since ? { since: options.since } : {}),
          ...(options.until ? { until: options.until } : {}),
          ...(options.reference ? { transactionReference: options.reference } : {}),
          ...(options.limit !== undefined ? { limit: options.limit } : {}),
        };
        const entries = await store.journal.list(filter);
        io.stdout(options.json ? `${JSON.stringify(entries, null, 2)}\n` : `${textTable(ENTRY_HEADER, entries.map(entryRow))}${entries.length} entries, ${entries.filter((e) => !isFinalState(e.state)).length} open\n`);
      } finally {
        await store.close();
      }
    });

  storeOptions(journal.command('show'))
    .description('Show one entry in full, by id or by transactionReference (every entry with it)')
    .argument('<id-or-reference>', 'entry id or transactionReference')
    .action(async (key: string, options: StoreOptions) => {
      const store = await openStore(options, io, false);
      try {
        const byId = await store.journal.get(key);
        const entries = byId ? [byId] : await store.journal.list({ transactionReference: key });
        if (entries.length === 0) throw new JournalExit(1, `no journal entry with id or reference ${key}`);
        io.stdout(`${JSON.stringify(byId ?? entries, null, 2)}\n`);
      } finally {
        await store.close();
      }
    });

  storeOptions(journal.command('reconcile'))
    .description("Compare entries since a date with the gateway's record; exit 1 when a mismatch is found (charged but not recorded, recorded but not charged, amounts)")
    .requiredOption('--since <date>', 'entries created at or after (2026-12-07 or an ISO instant)', dateOption)
    .option('--until <date>', 'entries created before', dateOption)
    .option('--env <env>', 'PROD, TEST or a base URL (default: $SOGENACTIF_ENV or TEST)')
    .option('--timeout-ms <n>', 'deadline of each lookup', positive)
    .addOption(wireOption("'soap' or 'json'"))
    .addOption(transportAlias())
    .option('--json', 'print JSON')
    .action(async (options: StoreOptions & { since: Date; until?: Date; env?: string; timeoutMs?: number; wire?: string; transport?: string; json?: boolean }) => {
      const store = await openStore(options, io, false);
      const client = clientFor(io, store.journal, options);
      try {
        const report = await client.reconcile({ since: options.since, ...(options.until ? { until: options.until } : {}) });
        if (options.json) io.stdout(`${JSON.stringify(report, null, 2)}\n`);
        else {
          const row = (r: ReconcileRow): string[] => [r.transactionReference ?? r.id, r.operation, r.journalState, r.gatewayStatus ?? r.gatewayOutcome ?? '', r.amount !== undefined ? String(r.amount) : '', r.originAmount !== undefined ? String(r.originAmount) : '', r.lastOperationName ?? '', r.verdict, (r.detail ?? '').slice(0, 80)];
          io.stdout(textTable(['reference', 'operation', 'journal', 'gateway', 'amount', 'gateway amount', 'last operation', 'verdict', 'detail'], report.rows.map(row)));
          io.stdout(`${report.rows.length} entries, ${report.mismatches} mismatches, ${report.unresolved} unresolved\n`);
        }
        if (report.mismatches > 0) throw new JournalExit(1, '');
      } finally {
        client.close();
        await store.close();
      }
    });
}
