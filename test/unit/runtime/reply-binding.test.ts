// Given/want tables for src/runtime/reply-binding.ts and src/runtime/client/confirm.ts: date-times read as instants,
// masked PANs against the card sent, the freshness window, present-and-equal identifiers, and what a confirmation
// compares.
import {
  cardOrderOperation,
  cancelOperation,
  getTransactionDataOperation,
  resolveFromTransaction,
} from '../../../src/runtime';
import { confirmationMismatches } from '../../../src/runtime/client/confirm';
import { bindingIssues, instantOf, maskAgrees, type Exchange } from '../../../src/runtime/reply-binding';

const now = Date.parse('2026-12-07T12:00:00Z');
const exchange = (sent: Record<string, string>, maxAgeMs = 300_000): Exchange => ({
  sent,
  sentAt: now - 50,
  now,
  maxAgeMs,
});
const approval = (extra: Record<string, string> = {}) => ({
  responseCode: '00',
  acquirerResponseCode: '00',
  authorisationId: '100042',
  maskedPan: '4200##########00',
  transactionDateTime: '2026-12-07T13:00:00.120+01:00',
  transactionReference: 'R1',
  ...extra,
});
const SENT = {
  transactionReference: 'R1',
  cardNumber: '4200000000000000',
  amount: '100',
  currencyCode: '978',
  merchantId: '002001000000001',
};
const fields = (issues: readonly { field: string }[]) => issues.map((i) => i.field);

test.each([
  ['2026-12-07T12:00:00Z', now],
  ['2026-12-07T13:00:00.5+01:00', now + 500],
  ['2026-02-31T00:00:00+00:00', undefined],
  ['2026-12-07 12:00:00+00:00', undefined],
  ['2026-12-07T12:00:00', undefined],
])('instantOf(%p) is %p', (text, want) => {
  expect(instantOf(text)).toBe(want);
});

test.each([
  ['2026-01-01T24:00:00Z', Date.parse('2026-01-02T00:00:00Z')],
  ['2026-01-01T24:00:00.0001Z', Date.parse('2026-01-02T00:00:00Z')],
  ['2026-01-01T24:00:01Z', undefined],
  ['2026-01-01T23:60:00Z', undefined],
  ['2026-01-01T23:59:60Z', undefined],
  ['2026-01-01T00:00:00+24:00', undefined],
  ['2026-01-01T00:00:00-23:59', Date.parse('2026-01-01T23:59:00Z')],
  ['2024-02-29T00:00:00Z', Date.parse('2024-02-29T00:00:00Z')],
  ['2026-02-29T00:00:00Z', undefined],
  ['0004-02-29T00:00:00Z', Date.parse('0004-02-29T00:00:00Z')],
  ['0000-02-29T00:00:00Z', Date.parse('0000-02-29T00:00:00Z')],
  ['2026-12-07T12:00:00.999999999Z', now + 999],
])('instantOf(%p), an edge of the calendar or the clock, is %p', (text, want) => {
  expect(instantOf(text)).toBe(want);
});

test('instantOf reads a grid of edge date-times as Date.parse does, and refuses the dates that do not exist', () => {
  // The reference: Date.parse of the text with its fraction cut to milliseconds, and a day that exists in its month.
  const reference = (text: string): number | undefined => {
    const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}:\d{2}:\d{2})(\.\d+)?(.*)$/.exec(text)!;
    const time = Date.parse(
      `${match[1]}-${match[2]}-${match[3]}T${match[4]}${(match[5] ?? '').slice(0, 4)}${match[6]}`,
    );
    if (!Number.isFinite(time)) return undefined;
    const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
    const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
    const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
    return days !== undefined && day <= days ? time : undefined;
  };
  const two = (n: number): string => String(n).padStart(2, '0');
  let compared = 0;
  for (const year of ['0000', '0099', '1900', '2000', '2024', '2026', '9999'])
    for (const month of [0, 1, 2, 4, 12, 13])
      for (const day of [0, 1, 28, 29, 30, 31, 32])
        for (const time of ['00:00:00', '23:59:59', '24:00:00', '24:00:01', '12:60:00', '12:00:60'])
          for (const fraction of ['', '.5', '.12', '.123', '.0001', '.999999999'])
            for (const offset of ['Z', '+00:00', '-00:00', '+05:30', '-23:59', '+24:00', '+01:60']) {
              const text = `${year}-${two(month)}-${two(day)}T${time}${fraction}${offset}`;
              expect([text, instantOf(text)]).toEqual([text, reference(text)]);
              compared++;
            }
  expect(compared).toBe(7 * 6 * 7 * 6 * 6 * 7);
});

test.each([
  ['4200##########00', '4200000000000000', true],
  ['420000######0000', '4200000000000000', true],
  ['4100##########00', '4200000000000000', false],
  ['4200#########00', '4200000000000000', false],
  ['################', '4200000000000000', false],
  ['4200000000000000', '4200000000000000', false],
])('maskAgrees(%p, card) is %p', (masked, card, want) => {
  expect(maskAgrees(masked, card)).toBe(want);
});

test('a card approval bound to its exchange has no issue; each missing or foreign piece is named', () => {
  expect(bindingIssues(cardOrderOperation, exchange(SENT), approval())).toEqual([]);
  const { transactionReference: _r, ...noReference } = approval();
  expect(fields(bindingIssues(cardOrderOperation, exchange(SENT), noReference))).toEqual(['transactionReference']);
  expect(
    fields(
      bindingIssues(cardOrderOperation, exchange(SENT), approval({ transactionDateTime: '2026-12-07T11:50:00+00:00' })),
    ),
  ).toEqual(['transactionDateTime']);
  expect(
    bindingIssues(
      cardOrderOperation,
      exchange(SENT, 900_000),
      approval({ transactionDateTime: '2026-12-07T11:50:00+00:00' }),
    ),
  ).toEqual([]);
  expect(
    fields(
      bindingIssues(cardOrderOperation, exchange(SENT), approval({ transactionDateTime: '2026-12-07T12:10:00+00:00' })),
    ),
  ).toEqual(['transactionDateTime']);
  expect(
    fields(bindingIssues(cardOrderOperation, exchange(SENT), approval({ maskedPan: '5017##########00' }))),
  ).toEqual(['maskedPan']);
  expect(fields(bindingIssues(cardOrderOperation, exchange(SENT), approval({ authorisationId: '41' })))).toEqual([
    'authorisationId',
  ]);
  expect(fields(bindingIssues(cardOrderOperation, exchange(SENT), approval({ errorFieldName: '510041' })))).toEqual([
    'errorFieldName',
  ]);
  // An acquirer's refusal beside the 00 is the one consistency check's (reply-checks.ts), not reported twice.
  expect(fields(bindingIssues(cardOrderOperation, exchange(SENT), approval({ acquirerResponseCode: '51' })))).toEqual(
    [],
  );
  // A decline without a stamp names nothing it must (the gateway's 12 / 30 replies carry only the code).
  expect(
    bindingIssues(cardOrderOperation, exchange(SENT), { responseCode: '12', errorFieldName: 'cardNumber' }),
  ).toEqual([]);
});

test('a lookup must name the reference and merchant looked up; a cash approval is stamped, has its newStatus', () => {
  const sent = { transactionReference: 'R1', merchantId: '002001000000001' };
  expect(
    fields(
      bindingIssues(getTransactionDataOperation, exchange(sent), {
        responseCode: '00',
        transactionStatus: 'TO_CAPTURE',
        tokenPan: 'x',
      }),
    ),
  ).toEqual(['transactionReference', 'merchantId']);
  expect(
    fields(
      bindingIssues(cancelOperation, exchange({ ...sent, operationAmount: '100', currencyCode: '978' }), {
        responseCode: '00',
        acquirerResponseCode: '00',
      }),
    ),
  ).toEqual(['operationDateTime', 'newStatus']);
});

test(
  'confirmationMismatches: a cancel is confirmed by CANCEL, a fresh date-time, the status and amount the reply ' +
    'gave',
  () => {
    const reply = { responseCode: '00', newStatus: 'TO_CAPTURE', newAmount: '2000' };
    const transaction = {
      lastOperationName: 'CANCEL',
      lastOperationDateTime: '2026-12-07T12:00:00+00:00',
      transactionStatus: 'TO_CAPTURE',
      currentAmount: 2000,
    };
    expect(confirmationMismatches('cashManagement.cancel', transaction, reply, now, 300_000)).toEqual([]);
    expect(
      confirmationMismatches(
        'cashManagement.cancel',
        { ...transaction, lastOperationName: 'VALIDATE' },
        reply,
        now,
        300_000,
      ),
    ).toEqual(['lastOperationName is VALIDATE where CANCEL was asked']);
    expect(
      confirmationMismatches(
        'cashManagement.cancel',
        { ...transaction, lastOperationDateTime: '2026-12-07T11:00:00+00:00' },
        reply,
        now,
        300_000,
      ),
    ).toEqual(['lastOperationDateTime is older than the write: the last operation is not this one']);
    expect(
      confirmationMismatches(
        'cashManagement.refuseChallenge',
        { ...transaction, lastOperationName: 'VALIDATE' },
        { newStatus: 'REFUSED' },
        now,
        300_000,
      ),
    ).toHaveLength(3);
  },
);

test('a token or an encrypted card number is not compared with the masked PAN', () => {
  for (const panType of ['TOKEN_PAN', 'CSE']) {
    expect(
      bindingIssues(
        cardOrderOperation,
        exchange({ ...SENT, cardNumber: 'tok_9f8e7d6c5b4a', panType }),
        approval({ maskedPan: '4977##########55' }),
      ),
    ).toEqual([]);
  }
});

test(
  'resolveFromTransaction with sentAt: a transaction stamped before the payment was sent is an older one ' +
    '(unknown)',
  () => {
    const found = {
      transactionStatus: 'TO_CAPTURE',
      originAmount: 100,
      currencyCode: '978',
      transactionDateTime: '2026-12-07T11:00:00+00:00',
    };
    expect(resolveFromTransaction('R1', found, { amount: 100, currencyCode: '978', sentAt: now }).outcome).toBe(
      'unknown',
    );
    expect(
      resolveFromTransaction(
        'R1',
        { ...found, transactionDateTime: '2026-12-07T12:00:01+00:00' },
        { amount: 100, currencyCode: '978', sentAt: now },
      ).outcome,
    ).toBe('approved');
    const { transactionDateTime: _t, ...undated } = found;
    expect(resolveFromTransaction('R1', undated, { sentAt: now }).reason).toMatch(/no transactionDateTime/);
  },
);
