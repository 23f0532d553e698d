// `sogenactif journal list|show|reconcile`: the payment journal's entries by state, date or reference, one entry in
// full, and the entries since a date against the gateway's record (client.reconcile), as tables or --json.
import type { Command } from 'commander';
import { isFinalState, type JournalFilter, type JournalState, type ReconcileRow } from 'sogenactif-office/internal';
import { CommandExit } from '../failures';
import type { ProgramIo } from '../io';
import {
  entryTable,
  openStore,
  STATES,
  stateOption,
  storeOptions,
  textTable,
  type StoreOptions,
} from '../journal-store';
import { lookupClient } from '../merchant-client';
import { dateOption, transportAlias, wholeNumber, wireOption } from '../options';

/** The columns of the `journal reconcile` table. */
const RECONCILE_COLUMNS =
  'reference|operation|journal|gateway|amount|gateway amount|last operation|verdict|detail'.split('|');

/** Adds `journal` and its sub-commands to `program`. */
export function addJournalCommand(program: Command, io: ProgramIo): void {
  const journal = program
    .command('journal')
    .description('Read the payment journal: list and show entries, reconcile them with the gateway');
  storeOptions(journal.command('list'))
    .description('List journal entries, oldest first')
    .option('--state <state>', `only this state (repeatable): ${STATES.join(', ')}`, stateOption)
    .option('--open', 'only entries without a final state')
    .option('--since <date>', 'created at or after (2026-12-07 or an ISO instant)', dateOption)
    .option('--until <date>', 'created before', dateOption)
    .option('--reference <ref>', 'only this transactionReference')
    .option('--limit <n>', 'at most this many', wholeNumber)
    .option('--json', 'print JSON')
    .action(
      async (
        options: StoreOptions & {
          state?: JournalState[];
          open?: boolean;
          since?: Date;
          until?: Date;
          reference?: string;
          limit?: number;
          json?: boolean;
        },
      ) => {
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
          io.stdout(
            options.json
              ? `${JSON.stringify(entries, null, 2)}\n`
              : `${entryTable(entries)}${entries.length} entries, ` +
                  `${entries.filter((e) => !isFinalState(e.state)).length} open\n`,
          );
        } finally {
          await store.close();
        }
      },
    );

  storeOptions(journal.command('show'))
    .description('Show one entry in full, by id or by transactionReference (every entry with it)')
    .argument('<id-or-reference>', 'entry id or transactionReference')
    .action(async (key: string, options: StoreOptions) => {
      const store = await openStore(options, io, false);
      try {
        const byId = await store.journal.get(key);
        const entries = byId ? [byId] : await store.journal.list({ transactionReference: key });
        if (entries.length === 0) throw new CommandExit(1, `no journal entry with id or reference ${key}`);
        io.stdout(`${JSON.stringify(byId ?? entries, null, 2)}\n`);
      } finally {
        await store.close();
      }
    });

  storeOptions(journal.command('reconcile'))
    .description(
      "Compare entries since a date with the gateway's record; exit 1 when a mismatch is found (charged but not " +
        'recorded, recorded but not charged, amounts)',
    )
    .requiredOption('--since <date>', 'entries created at or after (2026-12-07 or an ISO instant)', dateOption)
    .option('--until <date>', 'entries created before', dateOption)
    .option('--env <env>', 'PROD, TEST or a base URL (default: $SOGENACTIF_ENV or TEST)')
    .option('--timeout-ms <n>', 'deadline of each lookup', wholeNumber)
    .addOption(wireOption("'soap' or 'json'"))
    .addOption(transportAlias())
    .option('--json', 'print JSON')
    .action(
      async (
        options: StoreOptions & {
          since: Date;
          until?: Date;
          env?: string;
          timeoutMs?: number;
          wire?: string;
          transport?: string;
          json?: boolean;
        },
      ) => {
        const store = await openStore(options, io, false);
        try {
          const client = await lookupClient(io, options, store.journal);
          try {
            const report = await client.reconcile({
              since: options.since,
              ...(options.until ? { until: options.until } : {}),
            });
            if (options.json) io.stdout(`${JSON.stringify(report, null, 2)}\n`);
            else {
              const row = (r: ReconcileRow): string[] => [
                r.transactionReference ?? r.id,
                r.operation,
                r.journalState,
                r.gatewayStatus ?? r.gatewayOutcome ?? '',
                r.amount !== undefined ? String(r.amount) : '',
                r.originAmount !== undefined ? String(r.originAmount) : '',
                r.lastOperationName ?? '',
                r.verdict,
                (r.detail ?? '').slice(0, 80),
              ];
              io.stdout(textTable(RECONCILE_COLUMNS, report.rows.map(row)));
              io.stdout(
                `${report.rows.length} entries, ${report.mismatches} mismatches, ${report.unresolved}` +
                  ` unresolved\n`,
              );
            }
            if (report.mismatches > 0) throw new CommandExit(1);
          } finally {
            client.close();
          }
        } finally {
          await store.close();
        }
      },
    );
}
