// The contract commands of the CLI: `generate` (the typed client from WSDLs), `diff` (two contracts or two interface
// versions; md, json or SARIF) and `describe` (services, operations and their fields).
import type { Command, Option } from 'commander';
import * as fs from 'node:fs';
import { defaultWsdlDir } from '../contract/paths';
import { CheckFailed, UsageError, VERSION, collect, dictionaryOptions, repeatable, type ProgramIo } from './shared';

/** --allow-outside DIR (generate, diff, describe): a folder besides the contract's own that its locations may lead to. */
const allowOutsideOption = (): Option =>
  repeatable('--allow-outside <dir>', "a folder outside the contract's own that schemaLocation/location may lead to (repeatable)", "only the contract's folder");

/**
 * The contract model of diff and describe; a location leading outside the contract's folder, or a pattern with
 * nested repetition, is a usage error, as in generate.
 */
async function contractModel(inputs: readonly string[], options: import('../../../codegen').DictionaryOptions): Promise<import('../../../codegen').ContractModel> {
  const codegen = await import('../../../codegen');
  try {
    return codegen.loadModel(inputs, { ...options, dropUnsafePatterns: false });
  } catch (error) {
    if (error instanceof codegen.ContractLocationError || error instanceof codegen.UnsafePatternError) throw new UsageError(error.message);
    throw error;
  }
}

/** Adds `generate`, `diff` and `describe` to `program`. */
export function addContractCommands(program: Command, io: ProgramIo): void {
  program
    .command('generate')
    .description('Generate the typed client from WSDLs (ours by default, or your own, e.g. downloaded with fetch-wsdl); the platform dictionary applies to Sips Office contracts only (says which and why)')
    .option('--wsdl <file|dir>', 'WSDL file or folder (repeatable; a dictionary/ beside it is read only with --dictionary)', collect, [] as string[])
    .option('--out <dir>', 'output folder', 'generated')
    .option('--runtime <module>', 'module the generated code imports the runtime types from', 'sogenactif-office')
    .option('--dictionary <dir>', "a folder of dictionary files applied over the package's, to every service, Office or not (repeatable; later wins)", collect, [] as string[])
    .option('--no-dictionary', "apply no dictionary at all: a plain client for a WSDL that is not Sogenactif's")
    .option('--import-extension <ext>', "'js' (ESM with node16/nodenext resolution) or 'none'; default: read from the nearest tsconfig.json")
    .option('--check', 'change nothing; list the files that would change and exit 1 if any')
    .option('--strict', 'fail (exit 2) on any warning: broken references, and constructs the generated code does not represent')
    .option('--report <file>', 'also write the run as JSON: Office decisions, warnings (construct, file, line), files written')
    .option('--print-model', 'print the intermediate model as JSON instead of generating')
    .addOption(repeatable('--services <names>', 'only these services, comma-separated (e.g. checkout,cashManagement), and the types they use', 'all'))
    .addOption(repeatable('--operations <names>', 'only these operations, comma-separated, as service.operation or operation (e.g. checkout.cardOrder,cancel)', 'all'))
    .addOption(allowOutsideOption())
    .option('--drop-unsafe-patterns', 'generate without pattern facets whose matching can take exponential time (nested repetition) instead of refusing the contract')
    .action(async (options: { wsdl: string[]; out: string; runtime: string; dictionary: string[] | false; importExtension?: string; check?: boolean; strict?: boolean; printModel?: boolean; report?: string; services: string[]; operations: string[]; allowOutside: string[]; dropUnsafePatterns?: boolean }) => {
      const codegen = await import('../../../codegen');
      const { runGenerate } = await import('../../../codegen/run');
      const inputs = options.wsdl.length > 0 ? options.wsdl : [defaultWsdlDir()];
      const dictionary = dictionaryOptions(options.dictionary);
      if (options.importExtension !== undefined && options.importExtension !== 'js' && options.importExtension !== 'none') throw new UsageError("--import-extension takes 'js' or 'none'");
      let outcome;
      try {
        outcome = runGenerate(
          { inputs, outDir: options.out, runtimeImport: options.runtime, check: Boolean(options.check), strict: Boolean(options.strict), printModel: Boolean(options.printModel), importExtension: options.importExtension, regenerateCommand: 'sogenactif generate', select: { services: codegen.listOption(options.services), operations: codegen.listOption(options.operations) }, ...(options.report ? { report: options.report } : {}), ...dictionary, allowOutside: options.allowOutside, dropUnsafePatterns: Boolean(options.dropUnsafePatterns) },
          { stdout: io.stdout, stderr: io.stderr },
        );
      } catch (error) {
        if (error instanceof codegen.ContractWarningsError || error instanceof codegen.ContractLocationError || error instanceof codegen.UnsafePatternError) throw new UsageError(error.message);
        if (error instanceof codegen.UnknownSelectionError) {
          const { didYouMean } = await import('./suggest');
          // An operation given without its service is compared with the operations' own names.
          const suggest = (name: string): string =>
            name.includes('.') || !error.known.some((k) => k.includes('.')) ? didYouMean(name, error.known) : didYouMean(name, error.known.map((k) => k.split('.')[1]!)).replace(/([A-Za-z0-9]+)(?=[,?]| or )/g, (op) => error.known.find((k) => k.endsWith(`.${op}`)) ?? op);
          throw new UsageError(`${error.message}${error.unknown.map(suggest).join('')}; known: ${error.known.length > 12 ? `${error.known.length} (sogenactif describe lists them)` : error.known.join(', ')}`);
        }
        throw error;
      }
      if (outcome === 'stale') throw new CheckFailed();
    });

  program
    .command('diff')
    .description('Compare two contracts (files or folders), or two interface versions of one contract (e.g. diff 2.21 2.58)')
    .argument('<old>', 'WSDL file or folder, or an interface version such as 2.21 or MR_WS_2.21')
    .argument('<new>', 'WSDL file or folder, or an interface version')
    .addOption(repeatable('--wsdl <file|dir>', 'the contract to read since-versions from when comparing versions', 'ours'))
    .option('--format <format>', "md, json, or sarif (SARIF 2.1.0, for code-scanning annotations on the WSDL lines)", 'md')
    .option('--fail-on <level>', "'breaking': exit 1 when any breaking change exists")
    .addOption(repeatable('--dictionary <dir>', "a folder of dictionary files applied over the package's (repeatable)", 'none'))
    .addOption(allowOutsideOption())
    .action(async (before: string, after: string, options: { wsdl: string[]; format: string; failOn?: string; dictionary: string[]; allowOutside: string[] }) => {
      if (!['md', 'json', 'sarif'].includes(options.format)) throw new UsageError('--format must be md, json or sarif');
      if (options.failOn !== undefined && options.failOn !== 'breaking') throw new UsageError("--fail-on takes 'breaking'");
      const codegen = await import('../../../codegen');
      const { contractAt, diffContracts, diffMarkdown, UnknownVersionError } = await import('../../../codegen/diff');
      const { markdownText } = await import('../../../codegen/escape');
      let oldModel;
      let newModel;
      if (VERSION.test(before) && VERSION.test(after)) {
        const model = await contractModel(options.wsdl.length > 0 ? options.wsdl : [defaultWsdlDir()], { allowOutside: options.allowOutside });
        try {
          oldModel = contractAt(model, before);
          newModel = contractAt(model, after);
        } catch (error) {
          if (error instanceof UnknownVersionError) throw new UsageError(error.message);
          throw error;
        }
      } else {
        for (const input of [before, after]) if (!fs.existsSync(input)) throw new UsageError(`${input}: no such file or folder`);
        const dictionary = dictionaryOptions(options.dictionary);
        oldModel = await contractModel([before], { ...dictionary, allowOutside: options.allowOutside });
        newModel = await contractModel([after], { ...dictionary, allowOutside: options.allowOutside });
      }
      const diff = diffContracts(oldModel, newModel);
      // What the newer contract has that no dictionary describes: conventions cover it, the merchant reviews it.
      const undocumented = codegen.undocumentedParts(newModel);
      if (options.format === 'sarif') {
        const { diffSarif } = await import('../../../codegen/sarif');
        const { packageVersion } = await import('sogenactif-office/internal');
        io.stdout(`${JSON.stringify(diffSarif(diff, oldModel, newModel, undocumented, { version: packageVersion(__dirname), base: process.cwd() }), null, 2)}\n`);
      } else if (options.format === 'json') io.stdout(`${JSON.stringify({ old: before, new: after, ...diff, undocumented }, null, 2)}\n`);
      else {
        io.stdout(diffMarkdown(diff, `Contract changes from ${before} to ${after}`));
        if (undocumented.length > 0) {
          io.stdout(`\n## Not in the dictionary (${undocumented.length})\n\nConventions apply (outcome field, operation kind, no automatic resend of writes); review each, and describe it in your own --dictionary folder if needed.\n\n${undocumented.map((line) => `- ${markdownText(line, 500)}`).join('\n')}\n`);
        }
      }
      if (options.failOn === 'breaking' && diff.breaking > 0) throw new CheckFailed();
    });

  program
    .command('describe')
    .description('Describe services, endpoints and operations; SERVICE.OPERATION lists every field')
    .argument('[target]', 'SERVICE or SERVICE.OPERATION')
    .addOption(repeatable('--wsdl <file|dir>', 'contract to describe', 'ours'))
    .option('--json', 'print JSON')
    .option('--required', 'with SERVICE.OPERATION: only the mandatory fields you pass, and a minimal example request for `call`')
    .addOption(allowOutsideOption())
    .action(async (target: string | undefined, options: { wsdl: string[]; json?: boolean; required?: boolean; allowOutside: string[] }) => {
      const { describeContract, describeText, requiredText, requiredViews, UnknownTargetError } = await import('../../../codegen/describe');
      if (options.required && !target?.includes('.')) throw new UsageError('--required takes SERVICE.OPERATION');
      const model = await contractModel(options.wsdl.length > 0 ? options.wsdl : [defaultWsdlDir()], { allowOutside: options.allowOutside });
      try {
        const described = describeContract(model, target);
        if (options.required) {
          const views = requiredViews(described);
          io.stdout(options.json ? `${JSON.stringify(views[0], null, 2)}\n` : requiredText(views));
          return;
        }
        io.stdout(options.json ? `${JSON.stringify(described, null, 2)}\n` : `${describeText(described, Boolean(target?.includes('.')))}\n`);
      } catch (error) {
        if (error instanceof UnknownTargetError) throw new UsageError(error.message);
        throw error;
      }
    });
}
