// `sogenactif generate`: the typed client from WSDLs (codegen/run.ts runGenerate: generate or --check, and report);
// stale output under --check exits 1; what the generator refuses in the input is a usage error (exit 2).
import type { Command } from 'commander';
import { CheckFailed, UsageError } from '../failures';
import { contractInput, contractInputs } from '../contract-input';
import type { ProgramIo } from '../io';
import { allowOutsideOption, collect, dictionaryOptions, repeatable } from '../options';

/** Adds `generate` to `program`. */
export function addGenerateCommand(program: Command, io: ProgramIo): void {
  program
    .command('generate')
    .description(
      'Generate the typed client from WSDLs (ours by default, or your own, e.g. downloaded with fetch-wsdl); ' +
        'the platform dictionary applies to Sips Office contracts only (says which and why)',
    )
    .option(
      '--wsdl <file|dir>',
      'WSDL file or folder (repeatable; a dictionary/ beside it is read only with --dictionary)',
      collect,
      [] as string[],
    )
    .option('--out <dir>', 'output folder', 'generated')
    .option('--runtime <module>', 'module the generated code imports the runtime types from', 'sogenactif-office')
    .option(
      '--dictionary <dir>',
      "a folder of dictionary files applied over the package's, to every service, Office or not (repeatable; " +
        'later wins)',
      collect,
      [] as string[],
    )
    .option('--no-dictionary', "apply no dictionary at all: a plain client for a WSDL that is not Sogenactif's")
    .option(
      '--import-extension <ext>',
      "'js' (ESM with node16/nodenext resolution) or 'none'; default: read from the nearest tsconfig.json",
    )
    .option('--check', 'change nothing; list the files that would change and exit 1 if any')
    .option(
      '--strict',
      'fail (exit 2) on any warning: broken references, and constructs the generated code does not represent',
    )
    .option(
      '--report <file>',
      'also write the run as JSON: Office decisions, warnings (construct, file, line), files written',
    )
    .option('--print-model', 'print the intermediate model as JSON instead of generating')
    .addOption(
      repeatable(
        '--services <names>',
        'only these services, comma-separated (e.g. checkout,cashManagement), and the types they use',
        'all',
      ),
    )
    .addOption(
      repeatable(
        '--operations <names>',
        'only these operations, comma-separated, as service.operation or operation (e.g. ' +
          'checkout.cardOrder,cancel)',
        'all',
      ),
    )
    .addOption(allowOutsideOption())
    .option(
      '--drop-unsafe-patterns',
      'generate without pattern facets whose matching can take exponential time (nested repetition) instead of ' +
        'refusing the contract',
    )
    .action(
      async (options: {
        wsdl: string[];
        out: string;
        runtime: string;
        dictionary: string[] | false;
        importExtension?: string;
        check?: boolean;
        strict?: boolean;
        printModel?: boolean;
        report?: string;
        services: string[];
        operations: string[];
        allowOutside: string[];
        dropUnsafePatterns?: boolean;
      }) => {
        const { importExtension } = options;
        if (importExtension !== undefined && importExtension !== 'js' && importExtension !== 'none')
          throw new UsageError("--import-extension takes 'js' or 'none'");
        const dictionary = dictionaryOptions(options.dictionary);
        const { runGenerate } = await import('../../../../codegen/run');
        const { listOption } = await import('../../../../codegen/select');
        const outcome = await contractInput(() =>
          runGenerate(
            {
              inputs: contractInputs(options.wsdl),
              outDir: options.out,
              runtimeImport: options.runtime,
              check: Boolean(options.check),
              strict: Boolean(options.strict),
              printModel: Boolean(options.printModel),
              importExtension,
              select: { services: listOption(options.services), operations: listOption(options.operations) },
              ...(options.report ? { report: options.report } : {}),
              ...dictionary,
              allowOutside: options.allowOutside,
              dropUnsafePatterns: Boolean(options.dropUnsafePatterns),
            },
            io,
          ),
        );
        if (outcome === 'stale') throw new CheckFailed();
      },
    );
}
