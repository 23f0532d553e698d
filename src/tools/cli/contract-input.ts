// The contract commands' (generate, diff, describe) one rule for what the generator refuses: a contract, selection,
// target or version the user gave that it cannot take is a usage error (exit 2) with the library's message; an
// unknown --services/--operations name also gets the closest known names.
import { defaultWsdlDir } from '../contract/paths';
import { UsageError } from './failures';
import { didYouMean } from './suggest';

/** The WSDL files or folders given (--wsdl), else the package's own contract. */
export const contractInputs = (wsdl: readonly string[]): string[] => (wsdl.length > 0 ? [...wsdl] : [defaultWsdlDir()]);

/** Runs the library call `work`; what the generator refuses in the user's input becomes a UsageError. */
export async function contractInput<T>(work: () => T | Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw (await usageErrorOf(error)) ?? error;
  }
}

async function usageErrorOf(error: unknown): Promise<UsageError | undefined> {
  // Loaded already: the error came from there.
  const codegen = await import('../../../codegen');
  const { UnknownTargetError } = await import('../../../codegen/inspect/describe');
  const { UnknownVersionError } = await import('../../../codegen/inspect/diff');
  const { DiffInputError } = await import('../../../codegen/inspect/diff-report');
  if (error instanceof codegen.UnknownSelectionError) {
    // An operation given without its service is compared with the operations' own names.
    const suggest = (name: string): string =>
      name.includes('.') || !error.known.some((k) => k.includes('.'))
        ? didYouMean(name, error.known)
        : didYouMean(
            name,
            error.known.map((k) => k.split('.')[1]!),
          ).replace(/([A-Za-z0-9]+)(?=[,?]| or )/g, (op) => error.known.find((k) => k.endsWith(`.${op}`)) ?? op);
    return new UsageError(
      `${error.message}${error.unknown.map(suggest).join('')}; known: ` +
        (error.known.length > 12 ? `${error.known.length} (sogenactif describe lists them)` : error.known.join(', ')),
    );
  }
  const refusals = [
    codegen.ContractWarningsError,
    codegen.ContractLocationError,
    codegen.UnsafePatternError,
    UnknownTargetError,
    UnknownVersionError,
    DiffInputError,
  ];
  return refusals.some((refusal) => error instanceof refusal) ? new UsageError((error as Error).message) : undefined;
}
