// The exit codes of `sogenactif` (documented in `--help`), and the code of each library error: by its kind, and by
// the operation's category for a write whose reply cannot be trusted (4, outcome unknown, never 1 "refused").
import { type ErrorKind, isLostReply, type OperationCategory, type SogenactifError } from 'sogenactif-office/internal';

/**
 * Exit codes, documented in `--help`: 0 ok; 1 the gateway refused, the seal does not verify, generated code
 * is stale (generate --check) or a breaking change was found (diff --fail-on breaking); 2 usage; 3 transport;
 * 4 the outcome of a write is unknown: a payment, cash operation or other write whose reply was lost, unreadable,
 * unsealed or failed a reply check may have been carried out (a payment's `resolution` says what
 * getTransactionData found).
 */
export const EXIT = { ok: 0, refused: 1, usage: 2, transport: 3, outcomeUnknown: 4 } as const;

/** The exit code of each kind of library error; a kind not listed is a refusal (1). */
const EXIT_BY_KIND: Partial<Record<ErrorKind, number>> = {
  'outcome-unknown': EXIT.outcomeUnknown,
  transport: EXIT.transport,
  'invalid-response': EXIT.transport,
  fault: EXIT.transport,
};

/**
 * Whether a failed call to an operation of `category` may have changed something at the gateway although the CLI
 * cannot say what: a write (anything but a read) whose request may have arrived and whose reply was lost, could not
 * be read, was unsealed, did not verify or failed a reply check. A read keeps its own code.
 */
export function writeOutcomeUnknown(error: SogenactifError, category: OperationCategory | undefined): boolean {
  return category !== undefined && category !== 'read' && (error.kind === 'outcome-unknown' || isLostReply(error, 1));
}

/**
 * The exit code for a library error: by its kind; a request refused locally (no gateway code) is a usage error; a
 * write whose outcome is unknown (see writeOutcomeUnknown) is 4 whatever the kind, never 1 "refused".
 */
export function exitCodeOf(error: SogenactifError, category?: OperationCategory): number {
  if (writeOutcomeUnknown(error, category)) return EXIT.outcomeUnknown;
  if (error.kind === 'invalid-request' && error.fault === 'client' && !error.code) return EXIT.usage;
  return EXIT_BY_KIND[error.kind] ?? EXIT.refused;
}
