// What the journal records for a call that ended in an error (src/runtime/journal/entry.ts outcomeOfError): a reply
// that failed its checks proves nothing, so the entry stays open for recovery, never final `invalid` or `refused`.
import {
  AuthenticationError,
  DeclinedError,
  InvalidResponseError,
  JournalError,
  SealMismatchError,
  TransportError,
} from '../../src/runtime';
import { outcomeOfError, outcomeOfReply } from '../../src/runtime/journal/entry';

test.each([
  // given the error the call ended with, want the entry's state
  ['a sealed refusal', new DeclinedError('m', { code: '05' }), 'refused'],
  ['a reply whose seal does not verify', new SealMismatchError('m'), 'unknown'],
  ['an unreadable reply', new InvalidResponseError('m'), 'unknown'],
  ['a reply lost after sending', new TransportError('m', { outcomeUnknown: true }), 'unknown'],
  ['a connection never made', new TransportError('m', { outcomeUnknown: false }), 'never-performed'],
  [
    'an unsigned 03 (unverified, so not trusted as a code)',
    new AuthenticationError('m', { code: '03', unverified: true }),
    'unknown',
  ],
  ['a sealed 03', new AuthenticationError('m', { code: '03' }), 'invalid'],
] as const)('%s -> %s', (_label, error, want) => {
  expect(outcomeOfError(error).state).toBe(want);
});

test('a journal that stopped the call before sending (intent durable only after the deadline): never performed', () => {
  expect(outcomeOfError(new JournalError('m', { reason: 'write-failed', nothingSent: true })).state).toBe(
    'never-performed',
  );
});

test.each([
  // given a verified reply without error, want the entry's state (a status not decided yet keeps it open)
  ['00', { responseCode: '00' }, 'approved'],
  ['60 (pending)', { responseCode: '60' }, 'unknown'],
  ['00 with transactionStatus PENDING', { responseCode: '00', transactionStatus: 'PENDING' }, 'unknown'],
  ['00 with newStatus WAITING_AUTHOR', { responseCode: '00', newStatus: 'WAITING_AUTHOR' }, 'unknown'],
  ['00 with newStatus REFERRAL', { responseCode: '00', newStatus: 'REFERRAL' }, 'unknown'],
  ['00 with newStatus TO_CAPTURE', { responseCode: '00', newStatus: 'TO_CAPTURE' }, 'approved'],
  ['00 with newStatus CANCELLED (a cancel carried out)', { responseCode: '00', newStatus: 'CANCELLED' }, 'approved'],
] as const)('reply %s -> %s', (_label, reply, want) => {
  expect(outcomeOfReply(reply, 'responseCode').state).toBe(want);
});
