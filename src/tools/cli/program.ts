// The `sogenactif` command line: createProgram adds one command per file of commands/ (each maps its flags to one
// library call), and run turns what a command throws into an exit code (exit-codes.ts) and a JSON line on stderr.
import { Command, CommanderError } from 'commander';
import { packageVersion, SogenactifError } from 'sogenactif-office/internal';
import { addCallCommand } from './commands/call';
import { addDescribeCommand } from './commands/describe';
import { addDiffCommand } from './commands/diff';
import { addFetchWsdlCommand } from './commands/fetch-wsdl';
import { addGatewayCommand } from './commands/gateway';
import { addGenerateCommand } from './commands/generate';
import { addJournalCommand } from './commands/journal';
import { addRecoverCommand } from './commands/recover';
import { addSealCommand } from './commands/seal';
import { addSimulateCommand } from './commands/simulate';
import { EXIT, exitCodeOf } from './exit-codes';
import { CallFailed, CheckFailed, CommandExit, TransportFailed, UsageError } from './failures';
import { defaultIo, type ProgramIo } from './io';

export type { ProgramIo } from './io';

/** The commands, in the order `--help` lists them. */
const COMMANDS = [
  addSealCommand,
  addCallCommand,
  addSimulateCommand,
  addFetchWsdlCommand,
  addGenerateCommand,
  addDiffCommand,
  addDescribeCommand,
  addGatewayCommand,
  addRecoverCommand,
  addJournalCommand,
];

export function createProgram(io: ProgramIo = defaultIo): Command {
  const program = new Command('sogenactif')
    .description('Sogenactif Office Server toolkit: seal, call and simulate the SOAP web services.')
    .addHelpText(
      'after',
      '\nExit codes: 0 success; 1 refused by the gateway, seal mismatch of a read or of `seal --verify`, stale ' +
        'generated\ncode (generate --check) or a breaking change (diff --fail-on breaking); 2 usage error; 3 ' +
        'transport error (a\nread, or a write never sent); 4 outcome unknown: a write (payment, cash operation, ' +
        'wallet, mandate, fraud list,\ninitialisation) whose reply was lost, unreadable, unsealed or failed a ' +
        "check may have been carried out: look it\nup before sending it again (for a payment the JSON error's " +
        '"resolution" says what the lookup found).',
    )
    .version(packageVersion(__dirname), '-V, --version', 'print the package version')
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .exitOverride();
  for (const add of COMMANDS) add(program, io);
  return program;
}

/** Runs the program and maps failures to exit codes and JSON errors on stderr. */
export async function run(argv: readonly string[], io: ProgramIo = defaultIo): Promise<number> {
  const program = createProgram(io);
  const fail = (code: number, report: Record<string, unknown>): number => {
    io.stderr(`${JSON.stringify(report)}\n`);
    return code;
  };
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return EXIT.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander printed its own message (a bad flag or value); help and version are not failures.
      return error.code === 'commander.helpDisplayed' ||
        error.code === 'commander.version' ||
        error.code === 'commander.help'
        ? EXIT.ok
        : EXIT.usage;
    }
    if (error instanceof CheckFailed) return EXIT.refused;
    if (error instanceof CommandExit) {
      // A command's own ending (journal commands): its message, when any, says why.
      return error.message
        ? fail(error.exitCode, {
            error: error.exitCode === EXIT.usage ? 'UsageError' : 'Error',
            message: error.message,
          })
        : error.exitCode;
    }
    if (error instanceof UsageError) return fail(EXIT.usage, { error: 'UsageError', message: error.message });
    if (error instanceof TransportFailed)
      return fail(EXIT.transport, { error: 'TransportError', message: error.message });
    if (error instanceof CallFailed) return fail(exitCodeOf(error.error, error.operation.category), error.report());
    if (error instanceof SogenactifError) return fail(exitCodeOf(error), { error: error.name, ...error.toJSON() });
    // Anything else (a refused download, a file that cannot be written, a contract the generator cannot read) is a
    // problem with what was given: a usage error under the error's own name.
    return fail(EXIT.usage, { error: (error as Error).name ?? 'Error', message: (error as Error).message });
  }
}
