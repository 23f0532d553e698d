// What the journal commands (`recover`, `journal list|show|reconcile`) share: the store options and opening the
// store they name (a file, or PostgreSQL through the optional pg package), the states, and plain text tables.
import { Command, InvalidArgumentError } from 'commander';
import {
  fileJournal,
  type JournalEntry,
  type JournalState,
  type PaymentJournal,
  postgresJournal,
} from 'sogenactif-office/internal';
import { UsageError } from './failures';
import type { ProgramIo } from './io';

export const STATES: readonly JournalState[] = [
  'intent',
  'sent',
  'approved',
  'refused',
  'invalid',
  'never-performed',
  'unknown',
  'needs-review',
];

/** --state (repeatable): one of STATES. */
export const stateOption = (value: string, previous: JournalState[] = []): JournalState[] => {
  if (!STATES.includes(value as JournalState)) throw new InvalidArgumentError(`expected one of ${STATES.join(', ')}`);
  return [...previous, value as JournalState];
};

export interface StoreOptions {
  readonly journal?: string;
  readonly postgres?: string;
  readonly table?: string;
}

/** Adds --journal, --postgres and --table to a journal command. */
export function storeOptions(command: Command): Command {
  return command
    .option('--journal <path>', 'the journal file (default: $SOGENACTIF_JOURNAL)')
    .option(
      '--postgres <url>',
      'the PostgreSQL journal, e.g. postgres://user@host/db (default: $SOGENACTIF_JOURNAL_POSTGRES; needs the ' +
        'pg package)',
    )
    .option('--table <name>', 'the PostgreSQL journal table (default sogenactif_journal)');
}

/** Opens the store the options name; `write` takes the file's lock (recover), otherwise it is opened readOnly. */
export async function openStore(
  options: StoreOptions,
  io: Pick<ProgramIo, 'env'>,
  write: boolean,
): Promise<{ journal: PaymentJournal; close: () => Promise<void> }> {
  const file = options.journal ?? io.env.SOGENACTIF_JOURNAL;
  const url = options.postgres ?? io.env.SOGENACTIF_JOURNAL_POSTGRES;
  if ((file ? 1 : 0) + (url ? 1 : 0) !== 1)
    throw new UsageError(
      'name one journal: --journal PATH or --postgres URL (or $SOGENACTIF_JOURNAL / $SOGENACTIF_JOURNAL_POSTGRES)',
    );
  if (file) {
    const journal = fileJournal(file, { readOnly: !write });
    return { journal, close: () => journal.close() };
  }
  let pg: {
    Pool: new (config: { connectionString: string; max?: number }) => {
      query: (text: string, values?: unknown[]) => Promise<{ rows: Record<string, unknown>[] }>;
      end: () => Promise<void>;
    };
  };
  try {
    pg = require('pg') as typeof pg;
  } catch {
    throw new UsageError('--postgres needs the pg package: npm install pg');
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
  const line = (cells: readonly string[]): string =>
    cells
      .map((c, i) => c.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  return `${[line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n')}\n`;
}

/** `journal list`'s table: one row per entry. */
export function entryTable(entries: readonly JournalEntry[]): string {
  const row = (e: JournalEntry): string[] => [
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
  return textTable(
    ['created', 'operation', 'reference', 'amount', 'state', 'code', 'status', 'next attempt', 'id'],
    entries.map(row),
  );
}
