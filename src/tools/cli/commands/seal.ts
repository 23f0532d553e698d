// `sogenactif seal`: the seal of the fields in a JSON file (computeSeal), or with --verify whether the data's own seal
// verifies (verifySeal, after the runtime's algorithm check: a reply never picks the algorithm it is verified with).
import type { Command } from 'commander';
import {
  algorithmProblem,
  computeSeal,
  DEFAULT_SEAL_ALGORITHM,
  isSealAlgorithm,
  type SealAlgorithmName,
  sealString,
  type SealValue,
  verifySeal,
} from 'sogenactif-office/internal';
import { CheckFailed, UsageError } from '../failures';
import { type ProgramIo, readJson } from '../io';
import { ARGV_WARNING } from '../merchants';
import { algorithmOption } from '../options';

/** Adds `seal` to `program`. */
export function addSealCommand(program: Command, io: ProgramIo): void {
  program
    .command('seal')
    .description('Print the seal of the request fields in a JSON file, or check a response seal with --verify')
    .requiredOption('--data <file>', "JSON file with the fields ('-' for standard input)")
    .option(
      '--key <key>',
      'secret key (default: $SOGENACTIF_SECRET_KEY; prefer it: other users of this machine can read the ' +
        'arguments of a process)',
    )
    .option('--algorithm <name>', 'HMAC-SHA-256 (default), HMAC-SHA-512 or SHA-256', algorithmOption)
    .option('--verify', "check the data's own seal field instead of printing a seal")
    .option('--explain', 'also print the string that is hashed (contains the field values)')
    .action(
      (options: { data: string; key?: string; algorithm?: SealAlgorithmName; verify?: boolean; explain?: boolean }) => {
        if (options.key !== undefined) io.stderr(`${ARGV_WARNING('--key', 'set SOGENACTIF_SECRET_KEY instead')}\n`);
        const key = options.key ?? io.env.SOGENACTIF_SECRET_KEY;
        if (!key) throw new UsageError('no secret key: pass --key or set SOGENACTIF_SECRET_KEY');
        const fields = readJson(options.data, io) as { [key: string]: SealValue };
        if (options.explain) io.stderr(`seal string: ${sealString(fields)}\n`);
        if (options.verify) {
          const algorithm = options.algorithm ?? DEFAULT_SEAL_ALGORITHM;
          // The client's own check of the algorithm a reply declares (null or absent declares none).
          const problem = algorithmProblem(
            fields.sealAlgorithm == null ? {} : { sealAlgorithm: String(fields.sealAlgorithm) },
            algorithm,
          );
          const valid = !problem && verifySeal(fields, key, algorithm);
          const reason = problem ? { reason: `${problem}; pass --algorithm to verify with another algorithm` } : {};
          io.stdout(`${JSON.stringify({ valid, algorithm, ...reason })}\n`);
          if (!valid) throw new CheckFailed();
          return;
        }
        const algorithm =
          options.algorithm ?? (isSealAlgorithm(fields.sealAlgorithm) ? fields.sealAlgorithm : DEFAULT_SEAL_ALGORITHM);
        io.stdout(`${computeSeal(fields, key, algorithm)}\n`);
      },
    );
}
