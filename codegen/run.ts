// Generate and report: the one routine behind `sogenactif generate` (which `make generate` and `make check-generated`
// run): options in, report lines out through a sink, whether the output was stale returned.
import { reportText } from './escape';
import { detectImportExtension, writeReport } from './files';
import { ContractWarningsError, formatWarning, generate, loadModel, type LoadOptions, type Selection } from './index';

export interface RunOptions extends LoadOptions {
  /** WSDL files or folders. */
  readonly inputs: readonly string[];
  readonly outDir: string;
  /** Where generated code imports the runtime types from. */
  readonly runtimeImport: string;
  /** Change nothing; report the files that would change. */
  readonly check?: boolean;
  /** Broken references are fatal (a ContractWarningsError) instead of typed as unknown. */
  readonly strict?: boolean;
  /**
   * Also write the run as JSON to this file: decisions, warnings (construct, file, line), files written and deleted.
   */
  readonly report?: string;
  /** Print the model as JSON instead of generating. */
  readonly printModel?: boolean;
  /** Relative imports between generated files: 'js' or 'none'; undefined reads it from the nearest tsconfig.json. */
  readonly importExtension?: 'js' | 'none';
  /** The command that regenerates, named when a check finds the output stale (else: this command without --check). */
  readonly regenerateCommand?: string;
  /** Only these services and operations (and the types they reach). */
  readonly select?: Selection;
}

/** Where the report goes: lines of the report on stdout, warnings and the stale verdict on stderr. */
export interface OutputSink {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

/** 'stale': a check found files to write or delete (the caller exits 1). */
export type RunOutcome = 'ok' | 'stale';

/**
 * Prints the model, or generates (or checks) the output folder and reports each file written, stale,
 * deleted or extra, a summary line, and what no dictionary describes. Throws ContractWarningsError when
 * `strict` and the contract has broken references.
 */
export function runGenerate(options: RunOptions, sink: OutputSink): RunOutcome {
  options = { ...options, notice: (text) => sink.stderr(`note: ${text}\n`) };
  if (options.printModel) {
    sink.stdout(`${JSON.stringify(loadModel(options.inputs, options), null, 2)}\n`);
    return 'ok';
  }
  const detected = options.importExtension === undefined ? detectImportExtension(options.outDir) : undefined;
  const importExtension =
    options.importExtension === 'js' ? '.js' : options.importExtension === 'none' ? '' : detected!.extension;
  if (detected?.reason) sink.stdout(`imports: ${importExtension || 'no extension'} (${detected.reason})\n`);
  const check = options.check ?? false;
  let result: ReturnType<typeof generate>;
  try {
    result = generate({ ...options, check, importExtension });
  } catch (error) {
    if (error instanceof ContractWarningsError && options.report)
      writeReport(options.report, { ok: false, strict: true, decisions: error.decisions, warnings: error.warnings });
    throw error;
  }
  if (options.report) {
    const { decisions, warnings, written, deleted, unchanged, undocumented } = result;
    writeReport(options.report, { ok: true, decisions, warnings, written, deleted, unchanged, undocumented });
  }
  for (const decision of result.decisions) {
    const kind = decision.office ? 'Sips Office contract' : 'not a Sips Office contract';
    sink.stdout(`${reportText(`${decision.service}: ${kind}: ${decision.reason}`, 500)}\n`);
  }
  // Decisions and warnings carry names from the contract: one escaped line each (escape.ts).
  for (const warning of result.warnings) sink.stderr(`warning: ${reportText(formatWarning(warning), 500)}\n`);
  const out = options.outDir;
  for (const file of result.written) sink.stdout(`${check ? 'stale' : 'wrote'}   ${out}/${file}\n`);
  for (const file of result.deleted) sink.stdout(`${check ? 'extra' : 'deleted'} ${out}/${file}\n`);
  sink.stdout(
    `${out}/: ${result.written.length} ${check ? 'stale' : 'written'}, ${result.deleted.length} ` +
      `${check ? 'extra' : 'deleted'}, ${result.unchanged} unchanged\n`,
  );
  if (result.undocumented.length > 0) {
    sink.stdout(
      `${result.undocumented.length}` +
        ` operation(s) or field(s) no dictionary knows (conventions applied; review them, or describe them with ` +
        `--dictionary):\n`,
    );
    for (const line of result.undocumented) sink.stdout(`  ${reportText(line, 500)}\n`);
  }
  if (check && result.written.length + result.deleted.length > 0) {
    sink.stderr(
      `${out}/ differs from what the contract produces: ` +
        `${options.regenerateCommand ? `run '${options.regenerateCommand}'` : 'run the same command without --check'}` +
        ` and commit the result.\n`,
    );
    return 'stale';
  }
  return 'ok';
}
