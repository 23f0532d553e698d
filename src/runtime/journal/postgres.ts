// postgresJournal(pool): the PaymentJournal in PostgreSQL, for merchants running several instances. Takes any client
// with a node-postgres-style `query(text, values)` (no package loaded here), creates its table, and lets several
// recoverers claim entries at once without two of them getting the same one (row locks, FOR UPDATE SKIP LOCKED).
import { JournalError } from '../errors';
import {
  isFinalState,
  type ClaimOptions,
  type EntryChange,
  type JournalEntry,
  type JournalFilter,
  type JournalOutcome,
  type JournalState,
  type PaymentJournal,
} from './entry';

/** What the journal needs of a PostgreSQL client: `pg.Pool`, `pg.Client`, or anything with the same `query`. */
export interface SqlQueryable {
  query(text: string, values?: unknown[]): Promise<{ readonly rows: readonly Record<string, unknown>[] }>;
}

export interface PostgresJournalOptions {
  /** The table, optionally schema-qualified (default `sogenactif_journal`); created when missing. */
  readonly table?: string;
}

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}(?:\.[a-z_][a-z0-9_]{0,62})?$/;

const iso = (value: unknown): string | undefined =>
  value === null || value === undefined
    ? undefined
    : value instanceof Date
      ? value.toISOString()
      : new Date(String(value)).toISOString();

/** A row back to an entry (drivers return timestamps as Date or text and bigint as text: both are read). */
function entryOf(row: Record<string, unknown>): JournalEntry {
  const json = (value: unknown): unknown => (typeof value === 'string' ? JSON.parse(value) : value);
  const sentAt = iso(row.sent_at);
  const nextAttemptAt = iso(row.next_attempt_at);
  const outcome = row.outcome === null || row.outcome === undefined ? undefined : (json(row.outcome) as JournalOutcome);
  return {
    id: String(row.id),
    operation: String(row.operation),
    category: String(row.category) as JournalEntry['category'],
    merchantId: String(row.merchant_id),
    ...(row.transaction_reference !== null && row.transaction_reference !== undefined
      ? { transactionReference: String(row.transaction_reference) }
      : {}),
    ...(row.amount !== null && row.amount !== undefined ? { amount: Number(row.amount) } : {}),
    ...(row.currency_code !== null && row.currency_code !== undefined
      ? { currencyCode: String(row.currency_code) }
      : {}),
    request: json(row.request) as Record<string, unknown>,
    state: String(row.state) as JournalState,
    createdAt: iso(row.created_at)!,
    updatedAt: iso(row.updated_at)!,
    ...(sentAt ? { sentAt } : {}),
    ...(outcome ? { outcome } : {}),
    attempts: Number(row.attempts),
    ...(nextAttemptAt ? { nextAttemptAt } : {}),
  };
}

/** The journal in PostgreSQL through `pool` (never closed by the journal: it is yours). */
export function postgresJournal(pool: SqlQueryable, options: PostgresJournalOptions = {}): PaymentJournal {
  if (pool === null || typeof pool !== 'object' || typeof pool.query !== 'function') {
    throw new JournalError('postgresJournal needs a client with a query(text, values) method, such as a pg.Pool', {
      reason: 'invalid',
    });
  }
  const table = options.table ?? 'sogenactif_journal';
  if (!IDENTIFIER.test(table))
    throw new JournalError(
      `postgresJournal: table ${JSON.stringify(table.slice(0, 70))}` +
        ` must be a lower-case identifier, optionally schema-qualified`,
      { reason: 'invalid' },
    );
  const index = table.replace('.', '_');
  const inFlight = new Set<Promise<unknown>>();
  let closed = false;
  let ready: Promise<void> | undefined;

  const run = (text: string, values: unknown[], what: string): Promise<readonly Record<string, unknown>[]> => {
    if (closed)
      return Promise.reject(
        new JournalError('the PostgreSQL journal is closed', { reason: 'closed', nothingSent: true }),
      );
    const query = (ready ??= createTable())
      .then(() => pool.query(text, values))
      .then((result) => result.rows)
      .catch((error: unknown) => {
        if (error instanceof JournalError) throw error;
        throw new JournalError(
          (
            `the PostgreSQL journal could not ${what}: ${(error as { code?: string }).code ?? ''} ` +
            `${(error as Error).message}`
          ).replace(/\s+/g, ' '),
          { reason: 'write-failed', nothingSent: what === 'record the intent', cause: error },
        );
      });
    inFlight.add(query);
    void query.catch(() => undefined).finally(() => inFlight.delete(query));
    return query;
  };

  async function createTable(): Promise<void> {
    const statements = [
      `CREATE TABLE IF NOT EXISTS ${table} (
        id text PRIMARY KEY,
        merchant_id text NOT NULL,
        operation text NOT NULL,
        category text NOT NULL,
        transaction_reference text,
        amount bigint,
        currency_code text,
        request jsonb NOT NULL,
        state text NOT NULL,
        final boolean NOT NULL DEFAULT false,
        outcome jsonb,
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        sent_at timestamptz,
        claimed_by text,
        claimed_until timestamptz
      )`,
      `CREATE INDEX IF NOT EXISTS ${index}_open ON ${table} (merchant_id, created_at) WHERE NOT final`,
      `CREATE INDEX IF NOT EXISTS ${index}_reference ON ${table} (transaction_reference)`,
      `CREATE INDEX IF NOT EXISTS ${index}_created ON ${table} (created_at)`,
    ];
    for (const statement of statements) {
      // Two instances creating the table at the same moment: the loser's IF NOT EXISTS can still fail on the winner's
      // catalogue rows (23505, 42P07, or 42710 for the table's row type); once the winner committed, it is a no-op.
      for (let attempt = 1; ; attempt++) {
        try {
          await pool.query(statement);
          break;
        } catch (error) {
          const code = (error as { code?: string }).code;
          if (attempt < 3 && (code === '23505' || code === '42P07' || code === '42710')) continue;
          ready = undefined;
          throw new JournalError(
            (
              `the PostgreSQL journal could not create its table ${table}: ${code ?? ''} ` +
              `${(error as Error).message}`
            ).replace(/\s+/g, ' '),
            { reason: 'write-failed', nothingSent: true, cause: error },
          );
        }
      }
    }
  }

  return {
    recordIntent: async (entry) => {
      // Durable once the INSERT's commit returns (with PostgreSQL's default synchronous_commit = on).
      await run(
        `INSERT INTO ${table} (id, merchant_id, operation, category, transaction_reference, amount, currency_code,
           request, state, final, outcome, attempts, next_attempt_at, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)`,
        [
          entry.id,
          entry.merchantId,
          entry.operation,
          entry.category,
          entry.transactionReference ?? null,
          entry.amount ?? null,
          entry.currencyCode ?? null,
          JSON.stringify(entry.request),
          entry.state,
          isFinalState(entry.state),
          entry.outcome ? JSON.stringify(entry.outcome) : null,
          entry.attempts,
          entry.nextAttemptAt ?? null,
          entry.createdAt,
          entry.updatedAt,
        ],
        'record the intent',
      );
    },
    recordSent: async (id, at) => {
      await run(
        `UPDATE ${table} SET state = 'sent', sent_at = $2, updated_at = $2 WHERE id = $1 AND state = 'intent'`,
        [id, at],
        'mark the entry sent',
      );
    },
    update: async (id: string, change: EntryChange) => {
      const final = isFinalState(change.state);
      // A final state is never replaced by a non-final one; every update releases the recoverer's claim.
      await run(
        `UPDATE ${table} SET state = $2, final = $3, outcome = COALESCE($4::jsonb, outcome),
           attempts = COALESCE($5::integer, attempts),
           next_attempt_at = $6, updated_at = $7, claimed_by = NULL, claimed_until = NULL
         WHERE id = $1 AND (NOT final OR $3)`,
        [
          id,
          change.state,
          final,
          change.outcome ? JSON.stringify(change.outcome) : null,
          change.attempts ?? null,
          final ? null : (change.nextAttemptAt ?? null),
          change.at,
        ],
        'record the outcome',
      );
    },
    claimDue: async (claim: ClaimOptions) => {
      const now = claim.now.toISOString();
      const until = new Date(claim.now.getTime() + claim.leaseMs).toISOString();
      // SKIP LOCKED: rows another recoverer is claiming right now are passed over, not waited for; once it commits,
      // claimed_until keeps them out of every other claim until the lease ends or update() settles them.
      const rows = await run(
        `UPDATE ${table} SET claimed_by = $2, claimed_until = $4
         WHERE id IN (
           SELECT id FROM ${table}
           WHERE merchant_id = $1 AND NOT final
             AND (next_attempt_at IS NULL OR next_attempt_at <= $3)
             AND (claimed_until IS NULL OR claimed_until <= $3)
           ORDER BY created_at
           LIMIT $5
           FOR UPDATE SKIP LOCKED)
         RETURNING *`,
        [claim.merchantId, claim.owner, now, until, claim.limit],
        'claim due entries',
      );
      return rows.map(entryOf).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    },
    list: async (filter: JournalFilter = {}) => {
      const where: string[] = [];
      const values: unknown[] = [];
      const add = (condition: (n: string) => string, value: unknown): void => {
        values.push(value);
        where.push(condition(`$${values.length}`));
      };
      if (filter.state !== undefined)
        add((n) => `state = ANY(${n}::text[])`, typeof filter.state === 'string' ? [filter.state] : [...filter.state]);
      if (filter.open !== undefined) where.push(filter.open ? 'NOT final' : 'final');
      if (filter.merchantId !== undefined) add((n) => `merchant_id = ${n}`, filter.merchantId);
      if (filter.transactionReference !== undefined)
        add((n) => `transaction_reference = ${n}`, filter.transactionReference);
      if (filter.since !== undefined) add((n) => `created_at >= ${n}`, filter.since.toISOString());
      if (filter.until !== undefined) add((n) => `created_at < ${n}`, filter.until.toISOString());
      let text =
        `SELECT * FROM ${table}${where.length > 0 ? ` WHERE ${where.join(' AND ')}` : ''}` + ` ORDER BY created_at, id`;
      if (filter.limit !== undefined) {
        values.push(filter.limit);
        text += ` LIMIT $${values.length}`;
      }
      return (await run(text, values, 'list entries')).map(entryOf);
    },
    get: async (id) => {
      const rows = await run(`SELECT * FROM ${table} WHERE id = $1`, [id], 'read an entry');
      return rows[0] ? entryOf(rows[0]) : undefined;
    },
    // What /readyz asks: the table exists and the server answers.
    ready: async () => {
      await run('SELECT 1', [], 'answer a readiness check');
    },
    close: async () => {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
      closed = true;
    },
  };
}
