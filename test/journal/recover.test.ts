// Recovery's decision for one entry (src/runtime/journal/recover.ts settle): given the entry and what the lookup gave,
// want the state, and for undecided ones the next attempt (backoff) and needs-review once the tries run out; and
// which operations the client journals at all.
import { isJournaled, settle, type JournalEntry, type LookupResult } from '../../src/runtime/journal';

const now = new Date('2026-12-07T12:00:00.000Z');
const entry = (over: Partial<JournalEntry> = {}): JournalEntry => ({
  id: 'e1',
  operation: 'checkout.cardOrder',
  category: 'payment',
  merchantId: '002001000000001',
  transactionReference: 'REF1',
  amount: 1000,
  currencyCode: '978',
  request: {},
  state: 'sent',
  createdAt: '2026-12-07T11:00:00.000Z',
  updatedAt: '2026-12-07T11:00:00.000Z',
  attempts: 0,
  ...over,
});
const found = (transactionStatus: string, extra: Record<string, unknown> = {}): LookupResult => ({
  found: { transactionStatus, originAmount: 1000, currencyCode: '978', merchantId: '002001000000001', ...extra },
});
const GRACE = 60_000;

test.each<[string, JournalEntry, LookupResult | undefined, string, string | undefined]>([
  // name, entry, lookup, want state, want nextAttemptAt
  ['authorised', entry(), found('TO_CAPTURE'), 'approved', undefined],
  ['captured', entry(), found('CAPTURED'), 'approved', undefined],
  ['refused', entry(), found('REFUSED'), 'refused', undefined],
  ['cancelled', entry(), found('CANCELLED'), 'refused', undefined],
  ['pending: backoff 30 s', entry(), found('PENDING'), 'unknown', '2026-12-07T12:00:30.000Z'],
  [
    'pending, third try: backoff 2 min',
    entry({ attempts: 2 }),
    found('PENDING'),
    'unknown',
    '2026-12-07T12:02:00.000Z',
  ],
  ['pending, tries exhausted', entry({ attempts: 7 }), found('PENDING'), 'needs-review', undefined],
  ['lookup failed', entry(), { failed: 'socket hang up' }, 'unknown', '2026-12-07T12:00:30.000Z'],
  ['another amount: not this payment', entry(), found('TO_CAPTURE', { originAmount: 999 }), 'needs-review', undefined],
  ['ENDED says nothing', entry(), found('ENDED'), 'needs-review', undefined],
  ['unknown to the gateway after the grace period', entry(), { notFound: true }, 'never-performed', undefined],
  [
    'unknown to the gateway within the grace period: look again when it ends',
    entry({ createdAt: '2026-12-07T11:59:30.000Z' }),
    { notFound: true },
    'unknown',
    '2026-12-07T12:00:30.000Z',
  ],
  [
    'a cash operation: the lookup cannot prove it',
    entry({ operation: 'cashManagement.cancel', category: 'cash' }),
    found('TO_CAPTURE'),
    'needs-review',
    undefined,
  ],
  [
    'a cash operation on an unknown transaction',
    entry({ operation: 'cashManagement.cancel', category: 'cash' }),
    { notFound: true },
    'never-performed',
    undefined,
  ],
  ['a wallet write', entry({ operation: 'wallet.addCard', category: 'write' }), undefined, 'needs-review', undefined],
  ['no reference', entry({ transactionReference: undefined }), undefined, 'needs-review', undefined],
])('%s', (_name, given, lookup, state, next) => {
  const change = settle(given, lookup, now, GRACE);
  expect(change.state).toBe(state);
  expect(change.nextAttemptAt).toBe(next);
  expect(change.outcome?.by).toBe('recovery');
  expect(change.outcome?.reason).toEqual(expect.any(String));
});

test.each([
  // operation, journaled
  [{ category: 'payment', service: 'checkout' }, true],
  [{ category: 'cash', service: 'cashManagement' }, true],
  [{ category: 'write', service: 'wallet' }, true],
  [{ category: 'write', service: 'mandate' }, true],
  [{ category: 'write', service: 'fraud' }, false],
  [{ category: 'write', service: 'token' }, false],
  [{ category: 'write', service: 'checkout' }, false],
  [{ category: 'initialize', service: 'checkout' }, false],
  [{ category: 'read', service: 'diagnostic' }, false],
] as const)('the client journals %p: %p', (operation, want) => {
  expect(isJournaled(operation)).toBe(want);
});
