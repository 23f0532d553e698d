// The platform's rules (src/runtime/platform-rules.ts): each rule against its source (the data dictionary under
// wsdl/dictionary), given/want tables for the formats and lookups, and no copy of a rule left in another module.
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  ACCOUNT_FIELD_NAME,
  APPROVING_ACQUIRER_CODES,
  AUTHENTICATED_HOLDER_CODES,
  AUTHORISATION_ID_FORMAT,
  BOUND_ANYWHERE,
  BOUND_FIELDS,
  CODE_CONVENTIONS,
  CODE_FORMAT,
  CONFIRMABLE_WRITES,
  DATE_TIME,
  DATE_TIME_FIELD,
  DUPLICATE_REFERENCE_CODE,
  ECHOED_FIELDS,
  FAILED_AUTHENTICATION_STATUSES,
  MERCHANT_ID_FORMAT,
  NAME_FORMATS,
  NOT_FOUND_CODE,
  OPERATION_NAME_CATEGORIES,
  PENDING_CODE,
  RESENDABLE_CODES,
  SEAL_ERROR_CODE,
  SEAL_FORMAT,
  SENSITIVE_NAMES,
  SHORT_CODE_FIELD,
  SHORT_CODE_FORMAT,
  STAMP_FIELDS,
  SUCCESS_CODE,
  transactionStatusRule,
  UNKNOWN_MERCHANT_CODE,
  UNLISTED_CODE_OUTCOME,
  UNLISTED_OPERATION_CATEGORY,
} from '../../../src/runtime/platform-rules';
import { defaultOutcome } from '../../../src/runtime/errors';
import { services } from '../../../generated';

const root = path.join(__dirname, '..', '..', '..');
const dictionary = (name: string) =>
  JSON.parse(fs.readFileSync(path.join(root, 'wsdl', 'dictionary', `${name}.json`), 'utf8')) as {
    valueLists: Record<string, { values: Record<string, string>; outcomes?: Record<string, string> }>;
    fields: Record<string, { sensitive?: string }>;
  };
const common = dictionary('common');
const responseCode = common.valueLists.responseCode!;

describe('every rule names its source', () => {
  const text = fs.readFileSync(path.join(root, 'src', 'runtime', 'platform-rules.ts'), 'utf8');
  // Each exported constant or function, with the doc comment right above it (or above the constant it pairs with).
  const exported = [...text.matchAll(/^export (?:const|function) (\w+)/gm)].map((m) => ({ name: m[1]!, at: m.index! }));
  test('the module exports rules', () => {
    expect(exported.length).toBeGreaterThan(25);
  });
  test.each(exported.filter((e) => e.name !== 'transactionStatusRule').map((e) => [e.name, e.at] as const))(
    '%s',
    (_name, at) => {
      const before = text.slice(0, at);
      const doc = before.slice(before.lastIndexOf('/**'));
      expect(doc).toMatch(/Source:\s+\S/);
    },
  );
  test('it imports nothing but types (a leaf)', () => {
    expect([...text.matchAll(/^import (?!type )/gm)]).toEqual([]);
  });
});

describe("response codes, against the dictionary's responseCode table", () => {
  test('RESENDABLE_CODES are exactly the codes the dictionary says are "unavailable" (nothing was done)', () => {
    const unavailable = Object.entries(responseCode.outcomes!)
      .filter(([, outcome]) => outcome === 'unavailable')
      .map(([code]) => code);
    expect([...RESENDABLE_CODES].sort()).toEqual(unavailable.sort());
  });
  test("every convention agrees with the dictionary's outcome of that code", () => {
    for (const [code, outcome] of Object.entries(CODE_CONVENTIONS))
      expect([code, responseCode.outcomes![code]]).toEqual([code, outcome]);
  });
  test.each<readonly [string, RegExp]>([
    // given code, want: a word of the dictionary's meaning
    [SUCCESS_CODE, /Success/],
    [PENDING_CODE, /pending/],
    [DUPLICATE_REFERENCE_CODE, /transactionReference was already used/],
    [NOT_FOUND_CODE, /not found/],
    [UNKNOWN_MERCHANT_CODE, /Invalid merchant/],
    [SEAL_ERROR_CODE, /seal error/],
    ...RESENDABLE_CODES.map((code) => [code, /[Tt]emporar/] as const),
  ])('%s means %p', (code, want) => {
    expect(responseCode.values[code]).toMatch(want);
  });
  test.each([
    // given code, want outcome (defaultOutcome reads the conventions)
    ['00', 'success'],
    ['60', 'pending'],
    ['94', 'invalid'],
    ['25', 'invalid'],
    ['34', 'authentication'],
    ['90', 'unavailable'],
    ['99', 'unavailable'],
    ['04', 'declined'],
    ['77', 'declined'],
    ['constructor', 'declined'],
    ['__proto__', 'declined'],
  ])('defaultOutcome(%p) is %p', (code, want) => {
    expect(defaultOutcome(code)).toBe(want);
  });
  test('an unlisted code is a refusal, never "unavailable" (never resent)', () => {
    expect(UNLISTED_CODE_OUTCOME).toBe('declined');
  });
  test('the approving acquirer codes are 00 "approved" and 08 "approve after identification"', () => {
    expect(APPROVING_ACQUIRER_CODES).toEqual(['00', '08']);
    const acquirer = common.valueLists.acquirerResponseCode!.values;
    expect(APPROVING_ACQUIRER_CODES.map((code) => acquirer[code])).toEqual([
      expect.stringMatching(/approved/i),
      expect.stringMatching(/identification/i),
    ]);
  });
  test('the lists cannot be changed at run time', () => {
    expect(() => (RESENDABLE_CODES as string[]).push('04')).toThrow(TypeError);
    expect(() => Object.assign(CODE_CONVENTIONS, { '04': 'unavailable' })).toThrow(TypeError);
  });
});

describe('operation kinds by name', () => {
  const categoryOf = (name: string) =>
    OPERATION_NAME_CATEGORIES.find((rule) => rule.name.test(name))?.category ?? UNLISTED_OPERATION_CATEGORY;
  test.each([
    // given an operation name no dictionary knows, want its kind
    ['getTransactionData', 'read'],
    ['searchMandate', 'read'],
    ['creditTransferInquire', 'read'],
    ['getaway', 'write'],
    ['cardOrder', 'payment'],
    ['walletCreditHolder', 'payment'],
    ['refund', 'cash'],
    ['refundAll', 'write'],
    ['paymentProviderInitialize', 'initialize'],
    ['addCard', 'write'],
  ])('%s is a %s', (name, want) => {
    expect(categoryOf(name)).toBe(want);
  });
  test("they agree with the dictionary's kind of every operation it knows, but the five it names otherwise", () => {
    const differ = Object.entries(services).flatMap(([service, descriptor]) =>
      Object.entries(descriptor.operations as Record<string, { category: string }>)
        .filter(([name, operation]) => categoryOf(name) !== operation.category)
        .map(([name, operation]) => `${service}.${name} ${operation.category}`),
    );
    expect(differ.sort()).toEqual([
      'authentication.hostedFieldsInitialize write',
      'checkout.cardCheckEnrollment initialize',
      'checkout.paymentProviderGetContext read',
      'checkout.walletCheckEnrollment initialize',
      'mandate.initializeMandate initialize',
    ]);
  });
});

describe('3-D Secure', () => {
  test("failed statuses are values of the dictionary's holderAuthentStatus list", () => {
    const values = Object.keys(common.valueLists.holderAuthentStatus!.values);
    for (const status of FAILED_AUTHENTICATION_STATUSES) expect(values).toContain(status);
  });
  test('the codes that are not a failure are "authenticated" and "proof of authentication available"', () => {
    const table = dictionary('checkout').valueLists.holderAuthentResponseCode!.values;
    expect(AUTHENTICATED_HOLDER_CODES.map((code) => table[code])).toEqual([
      expect.stringMatching(/^Holder authenticated/),
      expect.stringMatching(/^Proof of authentication/),
    ]);
  });
});

describe('formats', () => {
  test.each([
    // given format, value, want
    ['DATE_TIME', DATE_TIME, '2014-01-10T17:13:30.743+01:00', true],
    ['DATE_TIME', DATE_TIME, '2012-10-16T23:50:44-12:00', true],
    ['DATE_TIME', DATE_TIME, '2026-12-07T12:00:00Z', true],
    ['DATE_TIME', DATE_TIME, '2026-12-07T12:00:00', false],
    ['DATE_TIME', DATE_TIME, '2026-12-07 12:00:00+01:00', false],
    ['currencyCode', NAME_FORMATS.get('currencyCode')!.format, '036', true],
    ['currencyCode', NAME_FORMATS.get('currencyCode')!.format, '36', false],
    ['currencyCode', NAME_FORMATS.get('currencyCode')!.format, 'EUR', false],
    ['maskedPan', NAME_FORMATS.get('maskedPan')!.format, '4977##########55', true],
    ['maskedPan', NAME_FORMATS.get('maskedPan')!.format, 'FR76#################123', true],
    ['maskedPan', NAME_FORMATS.get('maskedPan')!.format, '4977123412341255', false],
    ['paymentMeanBrand', NAME_FORMATS.get('paymentMeanBrand')!.format, 'VISA ELECTRON', true],
    ['paymentMeanBrand', NAME_FORMATS.get('paymentMeanBrand')!.format, 'visa', false],
    ['MERCHANT_ID_FORMAT', MERCHANT_ID_FORMAT, '002001000000001', true],
    ['MERCHANT_ID_FORMAT', MERCHANT_ID_FORMAT, '00200100000000', false],
    ['CODE_FORMAT', CODE_FORMAT, '0A', true],
    ['CODE_FORMAT', CODE_FORMAT, '000', false],
    ['SHORT_CODE_FORMAT', SHORT_CODE_FORMAT, 'Y', true],
    ['SHORT_CODE_FORMAT', SHORT_CODE_FORMAT, '12345', false],
    ['AUTHORISATION_ID_FORMAT', AUTHORISATION_ID_FORMAT, '123456', true],
    ['AUTHORISATION_ID_FORMAT', AUTHORISATION_ID_FORMAT, '12345', false],
    ['SEAL_FORMAT', SEAL_FORMAT, 'a'.repeat(64), true],
    ['SEAL_FORMAT', SEAL_FORMAT, 'a'.repeat(128), true],
    ['SEAL_FORMAT', SEAL_FORMAT, 'a'.repeat(96), false],
  ] as const)('%s: %p is %p', (_name, format, value, want) => {
    expect(format.test(value)).toBe(want);
  });
  test.each([
    // given field name, want: a date-time field, a short-code field, an account field
    ['transactionDateTime', true, false, false],
    ['walletActionDateTime', true, false, false],
    ['cardCSCResultCode', false, true, false],
    ['holderAuthentResponseCode', false, true, false],
    ['complementaryCode', false, true, false],
    ['customerAccount', false, false, true],
    ['transactionReference', false, false, false],
  ])('%s: date-time %p, short code %p, account %p', (name, dateTime, shortCode, account) => {
    expect([DATE_TIME_FIELD.test(name), SHORT_CODE_FIELD.test(name), ACCOUNT_FIELD_NAME.test(name)]).toEqual([
      dateTime,
      shortCode,
      account,
    ]);
  });
});

describe('fields a reply shares with its request', () => {
  test('bound fields are the echoed ones but orderId; those bound anywhere are among them', () => {
    expect([...BOUND_FIELDS].sort()).toEqual(ECHOED_FIELDS.filter((name) => name !== 'orderId').sort());
    for (const name of BOUND_ANYWHERE) expect(BOUND_FIELDS).toContain(name);
  });
  test('stamp fields are date-times', () => {
    for (const name of STAMP_FIELDS) expect(DATE_TIME_FIELD.test(name)).toBe(true);
  });
});

describe('transaction statuses and confirmable writes', () => {
  test.each([
    // given status, want outcome
    ['CAPTURED', 'approved'],
    ['CANCELLED', 'refused'],
    ['WAITING_AUTHOR', 'pending'],
    ['ENDED', 'unknown'],
    ['SOMETHING_NEW', undefined],
    ['constructor', undefined],
    [undefined, undefined],
    [42, undefined],
  ])('transactionStatusRule(%p) is %p', (status, want) => {
    expect(transactionStatusRule(status)?.outcome).toBe(want);
  });
  test('every confirmable write is a cashManagement operation, and names a documented lastOperationName', () => {
    const operations = Object.keys(services.cashManagement.operations);
    const names = Object.keys(common.valueLists.operationName!.values);
    for (const [name, rule] of Object.entries(CONFIRMABLE_WRITES)) {
      const [service, operation] = name.split('.');
      expect([service, operations.includes(operation!)]).toEqual(['cashManagement', true]);
      for (const value of [rule.lastOperation, rule.notLastOperation])
        if (value !== undefined) expect(names).toContain(value);
    }
  });
});

describe('sensitive names', () => {
  test('every field the dictionary marks sensitive under a listed name has the same sensitivity', () => {
    const folder = path.join(root, 'wsdl', 'dictionary');
    const marked = fs
      .readdirSync(folder)
      .flatMap((file) =>
        Object.entries(dictionary(path.basename(file, '.json')).fields ?? {}).filter(([, field]) => field.sensitive),
      );
    expect(marked.length).toBeGreaterThan(5);
    for (const [name, field] of marked)
      if (SENSITIVE_NAMES.has(name)) expect([name, SENSITIVE_NAMES.get(name)]).toEqual([name, field.sensitive]);
    for (const [name, field] of Object.entries(common.fields))
      if (field.sensitive) expect([name, SENSITIVE_NAMES.get(name)]).toEqual([name, field.sensitive]);
  });
});

describe('no copy of a rule outside platform-rules.ts', () => {
  const files = (folder: string): string[] =>
    fs.readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
      const full = path.join(folder, entry.name);
      return entry.isDirectory() ? files(full) : entry.name.endsWith('.ts') ? [full] : [];
    });
  const runtime = files(path.join(root, 'src', 'runtime')).filter((file) => !file.endsWith('platform-rules.ts'));
  const tools = files(path.join(root, 'src', 'tools'));
  test.each([
    // given: a rule's literal, want: in no other module of the runtime (and, where named, of the tools)
    ['the resendable codes', /'90'|'99'/, runtime],
    ['the resendable codes as a test', /=== '90'|=== '99'/, tools],
    ['the merchantId format', /\[0-9\]\{15\}/, [...runtime, ...tools]],
    ['a code compared by hand', /=== '(?:00|03|25|34|60|94)'|!== '(?:00|08)'/, runtime],
    ['the date-time format', /T\\d\{2\}:\\d\{2\}|T\(\\d\{2\}\):/, runtime],
    ['a transaction status', /'(?:CAPTURED|TO_CAPTURE|WAITING_AUTHOR|PENDING)'/, runtime],
    ['a sensitive name table', /cardCSCValue: 'csc'/, runtime],
    [
      'a stamp or echo list',
      /'transactionDateTime', 'operationDateTime'|'transactionReference', 'amount', 'currencyCode'/,
      runtime,
    ],
    ['the 3-D Secure failures', /'3D_FAILURE', '3D_ERROR'/, runtime],
  ])('%s', (_rule, literal, where) => {
    expect(where.length).toBeGreaterThan(10);
    const found = where
      .filter((file) => literal.test(fs.readFileSync(file, 'utf8')))
      .map((file) => path.relative(root, file));
    expect(found).toEqual([]);
  });
});
