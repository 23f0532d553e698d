// `sogenactif diff OLD NEW`: two interface versions of one contract, or two contracts (codegen/inspect/diff-report.ts
// loadDiffInputs and diffReport), as markdown, JSON or SARIF; --fail-on breaking exits 1 on a breaking change.
import type { Command } from 'commander';
import { packageVersion } from 'sogenactif-office/internal';
import { CheckFailed, UsageError } from '../failures';
import { contractInput, contractInputs } from '../contract-input';
import type { ProgramIo } from '../io';
import { allowOutsideOption, dictionaryOptions, repeatable } from '../options';

/** Adds `diff` to `program`. */
export function addDiffCommand(program: Command, io: ProgramIo): void {
  program
    .command('diff')
    .description(
      'Compare two contracts (files or folders), or two interface versions of one contract (e.g. diff 2.21 ' + '2.58)',
    )
    .argument('<old>', 'WSDL file or folder, or an interface version such as 2.21 or MR_WS_2.21')
    .argument('<new>', 'WSDL file or folder, or an interface version')
    .addOption(
      repeatable('--wsdl <file|dir>', 'the contract to read since-versions from when comparing versions', 'ours'),
    )
    .option(
      '--format <format>',
      'md, json, or sarif (SARIF 2.1.0, for code-scanning annotations on the WSDL lines)',
      'md',
    )
    .option('--fail-on <level>', "'breaking': exit 1 when any breaking change exists")
    .addOption(
      repeatable('--dictionary <dir>', "a folder of dictionary files applied over the package's (repeatable)", 'none'),
    )
    .addOption(allowOutsideOption())
    .action(
      async (
        before: string,
        after: string,
        options: { wsdl: string[]; format: string; failOn?: string; dictionary: string[]; allowOutside: string[] },
      ) => {
        const { format } = options;
        if (format !== 'md' && format !== 'json' && format !== 'sarif')
          throw new UsageError('--format must be md, json or sarif');
        if (options.failOn !== undefined && options.failOn !== 'breaking')
          throw new UsageError("--fail-on takes 'breaking'");
        const dictionary = dictionaryOptions(options.dictionary);
        const { diffReport, loadDiffInputs } = await import('../../../../codegen/inspect/diff-report');
        const inputs = await contractInput(() =>
          loadDiffInputs(before, after, {
            contract: contractInputs(options.wsdl),
            ...dictionary,
            allowOutside: options.allowOutside,
          }),
        );
        const { text, diff } = diffReport(inputs, {
          format,
          names: { before, after },
          sarif: { version: packageVersion(__dirname), base: process.cwd() },
        });
        io.stdout(text);
        if (options.failOn === 'breaking' && diff.breaking > 0) throw new CheckFailed();
      },
    );
}
