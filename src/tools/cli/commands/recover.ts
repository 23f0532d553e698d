// `sogenactif recover`: settle every journal entry a crash left open (client.recover: each payment looked up, never
// resent); a table or --json; exit 4 while some remain unknown.
import type { Command } from 'commander';
import { CommandExit } from '../failures';
import type { ProgramIo } from '../io';
import { openStore, storeOptions, textTable, type StoreOptions } from '../journal-store';
import { lookupClient } from '../merchant-client';
import { transportAlias, wholeNumber, wireOption } from '../options';

/** Adds `recover` to `program`. */
export function addRecoverCommand(program: Command, io: ProgramIo): void {
  storeOptions(program.command('recover'))
    .description(
      'Settle every journal entry a crash left open: look each payment up (never resend it); exit 0 when all ' +
        'are final, 4 when some remain unknown',
    )
    .option('--env <env>', 'PROD, TEST or a base URL (default: $SOGENACTIF_ENV or TEST)')
    .option('--timeout-ms <n>', 'deadline of each lookup', wholeNumber)
    .addOption(wireOption("'soap' or 'json'"))
    .addOption(transportAlias())
    .option(
      '--grace-ms <n>',
      'how long a reference unknown to the gateway may still be in flight (default: twice the timeout)',
      wholeNumber,
    )
    .option('--max-attempts <n>', 'lookups before an entry needs review (default 8)', wholeNumber)
    .option(
      '--batch-size <n>',
      'entries claimed at a time (default 200); other recoverers take the rest meanwhile',
      wholeNumber,
    )
    .option('--json', 'print the report as JSON')
    .addHelpText(
      'after',
      '\nCredentials: SOGENACTIF_MERCHANT_ID, SOGENACTIF_SECRET_KEY, SOGENACTIF_KEY_VERSION, as for `call`.\nA ' +
        'journal file is locked: stop the process using it first (or call client.recover() in that process).',
    )
    .action(
      async (
        options: StoreOptions & {
          env?: string;
          timeoutMs?: number;
          wire?: string;
          transport?: string;
          graceMs?: number;
          maxAttempts?: number;
          batchSize?: number;
          json?: boolean;
        },
      ) => {
        const store = await openStore(options, io, true);
        try {
          const client = await lookupClient(io, options, store.journal);
          try {
            const report = await client.recover({
              ...(options.graceMs !== undefined ? { graceMs: options.graceMs } : {}),
              ...(options.maxAttempts ? { maxAttempts: options.maxAttempts } : {}),
              ...(options.batchSize ? { batchSize: options.batchSize } : {}),
            });
            if (options.json) io.stdout(`${JSON.stringify(report, null, 2)}\n`);
            else {
              io.stdout(
                textTable(
                  ['reference', 'operation', 'was', 'now', 'reason', 'next attempt'],
                  report.entries.map((r) => [
                    r.entry.transactionReference ?? r.entry.id,
                    r.entry.operation,
                    r.previousState,
                    r.entry.state,
                    (r.entry.outcome?.reason ?? '').slice(0, 90),
                    r.entry.nextAttemptAt ?? '',
                  ]),
                ),
              );
              io.stdout(`${report.entries.length} looked up, ${report.settled} settled, ${report.open} still open\n`);
            }
            if (!report.allFinal) throw new CommandExit(4);
          } finally {
            client.close();
          }
        } finally {
          await store.close();
        }
      },
    );
}
