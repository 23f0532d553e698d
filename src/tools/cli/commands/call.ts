// `sogenactif call SERVICE.OPERATION --data FILE`: one sealed call through the client (client.invoke), the typed
// result printed as JSON; a library error becomes a CallFailed, whose exit code depends on the operation's category.
import type { Command } from 'commander';
import { type SealAlgorithmName, SogenactifError } from 'sogenactif-office/internal';
import { CallFailed } from '../failures';
import { findOperation } from '../find-operation';
import { type ProgramIo, readJson } from '../io';
import { merchantClient } from '../merchant-client';
import { algorithmOption, positiveInt, transportAlias, wireOf, wireOption } from '../options';

/** Adds `call` to `program`. */
export function addCallCommand(program: Command, io: ProgramIo): void {
  program
    .command('call')
    .description(
      'Send a sealed call, e.g. `sogenactif call mandate.searchMandate --data req.json`; prints the response as ' +
        'JSON',
    )
    .argument('<service.operation>', 'operation to call')
    .requiredOption('--data <file>', "JSON request fields ('-' for standard input)")
    .option('--env <env>', 'PROD, TEST or a base URL (default: $SOGENACTIF_ENV or TEST)')
    .option('--timeout-ms <n>', 'deadline for the call', positiveInt)
    .option('--algorithm <name>', 'seal algorithm', algorithmOption)
    .option('--allow-unsigned', 'accept replies without a seal')
    .option(
      '--allow-insecure-http',
      'allow a plain http:// --env URL to a host that is not this machine (a documented risk: nothing protects ' +
        'the exchange)',
    )
    .addOption(
      wireOption(
        "'soap' (POST /services/v2/<service>, the default) or 'json' (POST /rs-services/v2/<service>/<operation>)",
      ),
    )
    .addOption(transportAlias())
    .addHelpText(
      'after',
      '\nCredentials: SOGENACTIF_MERCHANT_ID, SOGENACTIF_SECRET_KEY, SOGENACTIF_KEY_VERSION.\nErrors are ' +
        'printed on stderr as JSON naming the error class. Exit 4: a write (payment, cancel, validate, ' +
        'refund,\nduplicate, credit, challenge, wallet, mandate, fraud list, initialisation) whose reply was lost ' +
        'or cannot be trusted:\nit may have been carried out ("outcome": "unknown", "advice" says how to look it ' +
        'up; a payment\'s "resolution" says\nwhat getTransactionData found). Never send it again blindly.',
    )
    .action(
      async (
        target: string,
        options: {
          data: string;
          env?: string;
          timeoutMs?: number;
          algorithm?: SealAlgorithmName;
          allowUnsigned?: boolean;
          allowInsecureHttp?: boolean;
          wire?: string;
          transport?: string;
        },
      ) => {
        const wire = wireOf(options) ?? 'soap';
        const operation = findOperation(target);
        const request = readJson(options.data, io);
        const client = await merchantClient(io, { ...options, wire });
        try {
          io.stdout(`${JSON.stringify(await client.invoke(operation, request), null, 2)}\n`);
        } catch (error) {
          if (!(error instanceof SogenactifError)) throw error;
          throw new CallFailed(
            error,
            operation,
            typeof request.transactionReference === 'string' ? request.transactionReference : undefined,
          );
        } finally {
          client.close();
        }
      },
    );
}
