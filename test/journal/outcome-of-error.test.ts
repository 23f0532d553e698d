// What the journal records for a call that ended in an error (src/runtime/journal/entry.ts outcomeOfError): a reply that
// failed its checks proves nothing, so the entry stays open for recovery, never final `invalid` or `refused`.
import { DeclinedError, InvalidResponseError, JournalError, SealMismatchError, TransportError } from '../../src/runtime';
import { outcomeOfError } from '../../src/runtime/journal/entry';

test.each([
  // given the error the call ended with, want the entry's state
  ['a sealed refusal', new DeclinedError('m', { code: '05' }), 'refused'],
  ['a reply whose seal does not verify', new SealMismatchError('m'), 'unknown'],
  ['an unreadable reply', new InvalidResponseError('m'), 'unknown'],
  ['a reply lost after sending', new TransportError('m', { outcomeUnknown: true }), 'unknown'],
  ['a connection never made', new TransportError('m', { outcomeUnknown: false }), 'never-performed'],
] as const)('%s -> %s', (_label, error, want) => {
  expect(outcomeOfError(error).state).toBe(want);
});

test('a journal that stopped the call before sending (its intent durable only after the deadline): never performed', () => {
  expect(outcomeOfError(new JournalError('m', { reason: 'write-failed', nothingSent: true })).state).toBe('never-performed');
});
