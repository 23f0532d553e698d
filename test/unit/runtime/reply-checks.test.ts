// The reply checks one by one, as given/want tables (the man-in-the-middle suite runs them end to end).
import {
  cancelOperation,
  cardOrderOperation,
  getTransactionDataOperation,
  searchMandateOperation,
} from '../../../src/runtime';
import {
  algorithmProblem,
  consistencyIssues,
  echoIssues,
  fieldProblem,
  reflectionProblem,
  undeclaredElements,
} from '../../../src/runtime/reply-checks';
import { computeSeal } from '../../../src/runtime/seal';
import { structOf, type WireRecord } from '../../../src/runtime/record';
import { parseXml } from '../../../src/runtime/wire/soap/xml';

const output = (inner: string) => parseXml(`<output xmlns="urn:x">${inner}</output>`);

test.each([
  [
    'declared fields only',
    searchMandateOperation,
    '<mandateResponseCode>00</mandateResponseCode><mandateList><mandate><mandateId>M</mandateId></mandate>' +
      '</mandateList>',
    [],
  ],
  [
    'an unknown top-level element',
    searchMandateOperation,
    '<mandateResponseCode>00</mandateResponseCode><iban>FR76</iban>',
    ['iban'],
  ],
  [
    'an unknown element inside a declared container',
    searchMandateOperation,
    '<mandateList><mandate><mandateId>M</mandateId><evil>1</evil></mandate></mandateList>',
    ['mandateList[0].evil'],
  ],
  ['a wrong list item name', searchMandateOperation, '<mandateList><other/></mandateList>', ['mandateList.other']],
  ['children under a scalar field', cardOrderOperation, '<responseCode><x>00</x></responseCode>', ['responseCode.x']],
  [
    'sealAlgorithm in a cardOrder reply',
    cardOrderOperation,
    '<responseCode>00</responseCode><sealAlgorithm>SHA-256</sealAlgorithm>',
    ['sealAlgorithm'],
  ],
] as const)('undeclaredElements: %s', (_label, operation, inner, want) => {
  expect(undeclaredElements(output(inner), structOf(operation.schema, operation.response), operation.schema)).toEqual(
    want,
  );
});

const field = (operation: typeof cardOrderOperation, name: string) =>
  structOf(operation.schema, operation.response).fields.find((f) => f.name === name)!;
test.each([
  ['responseCode', '00', undefined],
  ['responseCode', '0', 'is not a two-character code'],
  ['responseCode', '05GREEN', 'is not a two-character code'],
  ['recurringResponseCode', '', undefined],
  ['recurringResponseCode', '05GREEN2026', 'is not a code (1 to 4 letters or digits)'],
  ['transactionDateTime', '2026-11-27T19:16:29.206+00:00', undefined],
  ['transactionDateTime', ':00', 'is not an ISO 8601 date-time with offset'],
  ['captureDay', '5', undefined],
  ['captureDay', '5x', 'is not an integer'],
  ['captureDay', '100', 'must be at most 99'],
  ['maskedPan', '4100##########14', undefined],
  ['maskedPan', '4100##########14V', undefined],
  ['maskedPan', '4100##########14:00', 'is not in the documented format of this field'],
  ['paymentMeanBrand', 'VISA ELECTRON', undefined],
  ['paymentMeanBrand', 'ISA05GREEN2026-11', 'is not in the documented format of this field'],
  ['scoreColor', 'GREEN', undefined],
  ['scoreColor', 'GREEN2026-11-27T19:16', 'is not a value of ScoreColor'],
  ['transactionReference', 'x'.repeat(36), 'is longer than 35 characters'],
])('fieldProblem(cardOrder.%s, %j) -> %s', (name, value, want) => {
  expect(fieldProblem(field(cardOrderOperation, name), value, cardOrderOperation.schema)).toBe(want);
});

test.each([
  [
    'equal echoes',
    { transactionReference: 'R', amount: '100' },
    { transactionReference: 'R', amount: '100', responseCode: '00' },
    [],
  ],
  [
    'another reference',
    { transactionReference: 'R' },
    { transactionReference: 'OTHER' },
    [{ field: 'transactionReference', problem: 'differs from the value sent' }],
  ],
  [
    'another amount and currency',
    { amount: '100', currencyCode: '978' },
    { amount: '1', currencyCode: '840' },
    [
      { field: 'amount', problem: 'differs from the value sent' },
      { field: 'currencyCode', problem: 'differs from the value sent' },
    ],
  ],
  ['a field the request did not send', {}, { transactionReference: 'R' }, []],
])('echoIssues: %s', (_label, sent, reply, want) => {
  expect(echoIssues(sent as WireRecord, reply as WireRecord)).toEqual(want);
});

test("reflectionProblem: the request's seal, or its sealed string re-split, is refused; a real reply is not", () => {
  const sent: WireRecord = { amount: '4200', merchantId: '002001000000001', transactionReference: 'R' };
  sent.seal = computeSeal(sent, 'K');
  expect(reflectionProblem(sent, { responseCode: '00', seal: sent.seal as string })).toMatch(/own seal/);
  expect(
    reflectionProblem(sent, {
      acceptanceSystemApplicationId: '42',
      responseCode: '00',
      tokenPan: '002001000000001',
      transactionReference: 'R',
      seal: 'a'.repeat(64),
    }),
  ).toMatch(/re-split/);
  expect(
    reflectionProblem(sent, { responseCode: '05', transactionReference: 'R', seal: 'b'.repeat(64) }),
  ).toBeUndefined();
});

test.each([
  [undefined, undefined],
  ['HMAC-SHA-256', undefined],
  ['SHA-256', /declares seal algorithm "SHA-256" but this client verifies HMAC-SHA-256 only/],
  ['HMAC-SHA-512', /declares seal algorithm/],
])('algorithmProblem: a reply declaring %s', (declared, want) => {
  const problem = algorithmProblem(declared === undefined ? {} : { sealAlgorithm: declared }, 'HMAC-SHA-256');
  if (want) expect(problem).toMatch(want);
  else expect(problem).toBeUndefined();
});

test.each([
  ['payment 00 with acquirer 00', cardOrderOperation, { responseCode: '00', acquirerResponseCode: '00' }, 0],
  ['payment 00 with acquirer 51', cardOrderOperation, { responseCode: '00', acquirerResponseCode: '51' }, 1],
  ['payment 05 with acquirer 51', cardOrderOperation, { responseCode: '05', acquirerResponseCode: '51' }, 0],
  [
    'payment 00 with acquirer 08 (approve after identification)',
    cardOrderOperation,
    { responseCode: '00', acquirerResponseCode: '08' },
    0,
  ],
  ['cash operation 00 with acquirer 51', cancelOperation, { responseCode: '00', acquirerResponseCode: '51' }, 1],
  [
    'lookup 00 of a refused transaction (acquirer 51)',
    getTransactionDataOperation,
    { responseCode: '00', acquirerResponseCode: '51' },
    0,
  ],
] as const)('consistencyIssues: %s', (_label, operation, reply, count) => {
  expect(consistencyIssues(reply, operation)).toHaveLength(count);
});
