// The CLI's own failures, each turned into an exit code and (but CheckFailed) one JSON line on stderr by
// program.ts's run: a usage problem, a network failure, a check that failed, a command's own ending, a failed call.
import type { OperationDescriptor, SogenactifError } from 'sogenactif-office/internal';
import { writeOutcomeUnknown } from './exit-codes';

/** A usage problem (exit 2): a bad flag, file or value; its message never repeats a secret value. */
export class UsageError extends Error {}

/** A network failure (exit 3), printed as a JSON error like a usage error. */
export class TransportFailed extends Error {}

/** Fails the command with exit code 1 after its output was printed (stale code, breaking change, seal mismatch). */
export class CheckFailed extends Error {}

/** Ends the command with `exitCode` after its output was printed; a message, when any, says why (journal commands). */
export class CommandExit extends Error {
  constructor(
    readonly exitCode: number,
    message = '',
  ) {
    super(message);
  }
}

/** A library error raised by `call`, with the operation it was raised for (what its exit code depends on). */
export class CallFailed extends Error {
  constructor(
    readonly error: SogenactifError,
    readonly operation: OperationDescriptor,
    readonly transactionReference: string | undefined,
  ) {
    super(error.message);
  }

  /** The JSON printed on stderr: the error's own view, and for a write of unknown outcome, what to do. */
  report(): Record<string, unknown> {
    const out: Record<string, unknown> = { error: this.error.name, ...this.error.toJSON() };
    if (!writeOutcomeUnknown(this.error, this.operation.category) || this.error.kind === 'outcome-unknown') return out;
    const target = `${this.operation.service}.${this.operation.name}`;
    const lookUp = this.transactionReference
      ? `sogenactif call diagnostic.getTransactionData with {"transactionReference": ` +
        `${JSON.stringify(this.transactionReference)}}`
      : 'a lookup (diagnostic.getTransactionData, or the read matching this write)';
    return {
      ...out,
      outcome: 'unknown',
      advice:
        `${target}` +
        ` may have been carried out: its reply cannot be trusted, so the outcome is unknown (not refused). Look ` +
        `it up with ${lookUp} before sending it again.`,
    };
  }
}
