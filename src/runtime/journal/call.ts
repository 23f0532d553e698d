// One journaled call, as the client drives it: the intent made durable before anything is sent (or a JournalError and
// nothing sent), `sent` when the request leaves, then the outcome of the verified reply or of the lost-reply lookup.
import { nodeCrypto } from '../node-crypto';
import type { OperationDescriptor, StructDescriptor } from '../descriptor';
import { isSogenactifError, JournalError } from '../errors';
import type { WireRecord } from '../record';
import { journalFields, outcomeOfError, outcomeOfReply, type JournalEntry, type PaymentJournal } from './entry';

export interface JournaledCall {
  /**
   * Records the intent from the sealed request record; resolves once durable, or throws JournalError (nothing sent).
   */
  intent(record: WireRecord): Promise<void>;
  /** The request is leaving (recorded without waiting). */
  sent(): void;
  /** The call ended: with the verified response, or with the error it throws (after the lost-reply lookup). */
  settle(ending: { readonly response: unknown } | { readonly error: unknown }): void;
}

const integer = (value: unknown): number | undefined =>
  typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : typeof value === 'number' ? value : undefined;

/** The journal's side of one call of `operation` by `merchantId`. */
export function journaledCall(
  journal: PaymentJournal,
  operation: OperationDescriptor,
  requestStruct: StructDescriptor,
  merchantId: string,
): JournaledCall {
  const name = `${operation.service}.${operation.name}`;
  let id: string | undefined;
  // Writes after the intent are not awaited by the call: recovery looks up any entry they did not reach.
  // A store that throws at once (not a rejected promise) must not turn the call's verified answer into an error.
  const quietly = (write: () => Promise<void>): void =>
    void Promise.resolve()
      .then(write)
      .catch(() => undefined);
  return {
    async intent(record) {
      const at = new Date().toISOString();
      const reference = typeof record.transactionReference === 'string' ? record.transactionReference : undefined;
      const amount = integer(record.amount) ?? integer(record.operationAmount);
      const entry: JournalEntry = {
        id: nodeCrypto().randomUUID(),
        operation: name,
        category: operation.category,
        merchantId,
        ...(reference ? { transactionReference: reference } : {}),
        ...(amount !== undefined ? { amount } : {}),
        ...(typeof record.currencyCode === 'string' ? { currencyCode: record.currencyCode } : {}),
        request: journalFields(record, requestStruct, operation.schema),
        state: 'intent',
        createdAt: at,
        updatedAt: at,
        attempts: 0,
      };
      try {
        await journal.recordIntent(entry);
      } catch (error) {
        if (isSogenactifError(error, 'journal')) throw error;
        throw new JournalError(
          `${name}: the journal could not record the intent (${(error as Error).message}); nothing was sent`,
          { operation: name, reason: 'write-failed', nothingSent: true, cause: error },
        );
      }
      id = entry.id;
    },
    sent() {
      if (id) quietly(() => journal.recordSent(id!, new Date().toISOString()));
    },
    settle(ending) {
      if (!id) return;
      const { state, outcome } =
        'response' in ending ? outcomeOfReply(ending.response, operation.codeField) : outcomeOfError(ending.error);
      const entryId = id;
      quietly(() => journal.update(entryId, { state, outcome, at: new Date().toISOString() }));
    },
  };
}
