// Shared by the simulator suites of this folder (the simulator against its README, through the typed client): the
// book-keeping of which operations each suite exercised by an asserted success and failure, the client and
// simulator every suite starts, the helpers that assert a call's outcome, and the fixtures (cards, references, forms).
import {
  computeSeal,
  createClient,
  createHttpTransport,
  services,
  type CardOrderRequest,
  type ClientConfig,
  type ExchangeEvent,
  type OperationDescriptor,
  type ServiceClients,
  type ServiceDescriptor,
  type SogenactifClient,
  type Transport,
} from '../../src/runtime';
import { buildEnvelope } from '../../src/runtime/wire';
import { buildWireRecord, structOf } from '../../src/runtime/record';
import { DEFAULT_MERCHANT, startSimulator, type RunningSimulator } from '../../src/tools/simulator/server';

// ---------------------------------------------------------------------------------------------------
// Book-keeping: which operations were exercised by an asserted success and by an asserted failure.

export type OperationName = {
  [S in keyof ServiceClients]: `${S}.${Extract<keyof ServiceClients[S], string>}`;
}[keyof ServiceClients];

export const ALL_OPERATIONS = (Object.values(services) as readonly ServiceDescriptor[])
  .flatMap((service) => Object.values(service.operations).map((operation) => `${operation.service}.${operation.name}`))
  .sort();
export const succeeded = new Set<string>();
export const failed = new Set<string>();

export let simulator: RunningSimulator;
export let client: SogenactifClient;
export const events: ExchangeEvent[] = [];
export const opened: SogenactifClient[] = [];
/** Retries stay on (the client's documented policy) but cost a millisecond or two. */
export const FAST = { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 2 } as const;

export function makeClient(overrides: Partial<ClientConfig> = {}): SogenactifClient {
  const made = createClient({
    ...DEFAULT_MERCHANT,
    environment: simulator.url,
    retry: FAST,
    logger: (event) => events.push(event),
    ...overrides,
  });
  opened.push(made);
  return made;
}

/** Exchanges logged for one operation since `from` (the logger sees every attempt). */
export const attemptsSince = (from: number, operation: OperationName): ExchangeEvent[] =>
  events.slice(from).filter((e) => e.operation === operation);

/** Awaits a call that must succeed; records the operation as covered by a success case. */
export async function ok<T>(operation: OperationName, call: Promise<T>): Promise<T> {
  const from = events.length;
  const response = await call;
  // The label is honest: the exchange that just succeeded is that operation's.
  expect(attemptsSince(from, operation).filter((e) => !e.error)).toHaveLength(1);
  succeeded.add(operation);
  return response;
}

/** Awaits a call that must fail with `errorClass` and the given fields; records the failure case. */
export async function fails<E extends Error>(
  operation: OperationName,
  call: Promise<unknown>,
  errorClass: new (...args: never[]) => E,
  expected: Record<string, unknown> = {},
): Promise<E> {
  const error = await call.then(
    (response) => ({ unexpectedSuccess: response }),
    (e: unknown) => e,
  );
  if (!(error instanceof errorClass)) {
    // Says what came instead: the class, the code and the message (or the response of a success).
    const got =
      error instanceof Error
        ? `${error.name}: ${error.message}`
        : `a success: ${JSON.stringify((error as { unexpectedSuccess: unknown }).unexpectedSuccess)}`;
    throw new Error(`${operation}: expected ${errorClass.name} ${JSON.stringify(expected)}, got ${got}`);
  }
  expect(error).toMatchObject({ operation, ...expected });
  failed.add(operation);
  return error as E;
}

/**
 * For a payment whose reply was lost or unusable: the documented error (TransportError,
 * InvalidResponseError, SealMismatchError). The client in the working tree may wrap it in an
 * OutcomeUnknownError after looking the payment up (not in the README yet); the documented error is
 * then its `cause`, and the lookup must say the payment went through.
 */
export async function failsLost<E extends Error>(
  operation: OperationName,
  call: Promise<unknown>,
  errorClass: new (...args: never[]) => E,
  expected: Record<string, unknown> = {},
): Promise<E> {
  const error = await call.then(
    (response) => ({ unexpectedSuccess: response }),
    (e: unknown) => e,
  );
  let documented = error;
  if (error instanceof Error && error.name === 'OutcomeUnknownError') {
    expect((error as Error & { resolution?: unknown }).resolution).toMatchObject({ outcome: 'approved' });
    documented = error.cause;
  }
  return fails(operation, Promise.reject(documented), errorClass, expected);
}

/**
 * A transport that posts `fields` (merchant fields added, then sealed with the right key) instead of
 * what the client built: a request the client's own checks would have stopped, as another SDK might
 * send it. The reply still goes through the client's parsing, seal check and error mapping.
 */
export function rawTransport(operation: OperationDescriptor, fields: Record<string, unknown>): Transport {
  const http = createHttpTransport();
  return {
    post: (options) => {
      const requestFields = structOf(operation.schema, operation.request).fields.filter((f) => f.name !== 'seal');
      const wire = buildWireRecord(
        { fields: requestFields },
        {
          interfaceVersion: operation.recommendedInterfaceVersion,
          merchantId: DEFAULT_MERCHANT.merchantId,
          keyVersion: DEFAULT_MERCHANT.keyVersion,
          ...fields,
        },
        { schema: operation.schema, issues: [] },
      );
      wire.seal = computeSeal(wire, DEFAULT_MERCHANT.secretKey);
      return http.post({ ...options, body: buildEnvelope(operation, wire) });
    },
    close: () => http.close(),
  };
}

// ---------------------------------------------------------------------------------------------------
// Fixtures

let counter = 0;
/** The next number of the file's counter (the one `ref` and `freshCard` use). */
export const nextCount = (): number => counter++;
/** A transactionReference no other test uses (the simulator's state lives as long as the file). */
export const ref = (tag = 'T'): string => `${tag}${process.pid}X${String(++counter).padStart(4, '0')}`;

export const CARD_OK = '4200000000000000';
export const EXPIRY = '203012';
export const TERM_URL = 'https://shop.example/3ds/term';
export const RETURN_URL = 'https://shop.example/return';
export const IBAN = 'FR1420041010050500013M02606';

/** A Luhn-valid card number from 15 digits (the simulator approves any such number not in its table). */
export function luhnCard(body: string): string {
  for (let check = 0; check <= 9; check++) {
    const candidate = `${body}${check}`;
    let sum = 0;
    [...candidate].reverse().forEach((c, i) => {
      let d = Number(c);
      if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
      sum += d;
    });
    if (sum % 10 === 0) return candidate;
  }
  throw new Error('unreachable');
}
export const freshCard = (): string =>
  luhnCard(`42${String(process.pid % 1000).padStart(3, '0')}${String(++counter).padStart(10, '0')}`);

export const order = (cardNumber: string, extra: Partial<CardOrderRequest> = {}): CardOrderRequest => ({
  amount: 1000,
  currencyCode: '978',
  orderChannel: 'INTERNET',
  cardNumber,
  cardExpiryDate: EXPIRY,
  transactionReference: ref(),
  ...extra,
});

/** A simulator page answered with a self-posting form: where it posts and its hidden fields. */
export interface PageForm {
  readonly action: string;
  readonly fields: Record<string, string>;
}

export const unescapeHtml = (value: string): string =>
  value.replace(
    /&(amp|lt|gt|quot|#39);/g,
    (_m, entity: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[entity]!,
  );

export function parseForm(html: string): PageForm {
  const action = /<form\b[^>]*\saction="([^"]*)"/i.exec(html)?.[1];
  if (action === undefined) throw new Error(`no form in the page: ${html.slice(0, 300)}`);
  const fields: Record<string, string> = {};
  for (const [tag] of html.matchAll(/<input\b[^>]*>/gi)) {
    if (!/\stype="hidden"/i.test(tag)) continue;
    const name = /\sname="([^"]*)"/i.exec(tag)?.[1];
    const value = /\svalue="([^"]*)"/i.exec(tag)?.[1] ?? '';
    if (name !== undefined) fields[unescapeHtml(name)] = unescapeHtml(value);
  }
  return { action: unescapeHtml(action), fields };
}

/** What the buyer's browser does: POST the form (application/x-www-form-urlencoded), read the page. */
export async function browserPost(action: string, fields: Readonly<Record<string, string>>): Promise<PageForm> {
  const response = await fetch(action, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  });
  const html = await response.text();
  expect({ status: response.status, contentType: response.headers.get('content-type') }).toEqual({
    status: 200,
    contentType: expect.stringMatching(/^text\/html/),
  });
  return parseForm(html);
}

/** One simulator per suite file: its state is shared by the file, so every payment uses a fresh reference. */
export function startSimulatorSuite(): void {
  beforeAll(async () => {
    simulator = await startSimulator();
    client = makeClient();
  });

  afterAll(async () => {
    for (const c of opened) c.close();
    await simulator.close();
  });
}

export type Suite =
  'cards' | 'three-d-secure' | 'redirections' | 'cash-management' | 'wallet' | 'mandate' | 'fraud' | 'faults' | 'seals';

/**
 * Which operations each suite of this folder exercises by an asserted success and by an asserted failure: each
 * suite checks its own row at its end, and coverage.test.ts that the rows together cover all 44 operations both ways.
 */
export interface CoverageRow {
  readonly success: readonly OperationName[];
  readonly failure: readonly OperationName[];
}

export const COVERAGE: Readonly<Record<Suite, CoverageRow>> = {
  cards: {
    success: ['checkout.cardOrder', 'diagnostic.getFraudData', 'diagnostic.getTransactionData'],
    failure: [
      'checkout.cardOrder',
      'diagnostic.getFraudData',
      'diagnostic.getTransactionData',
      'mandate.searchMandate',
    ],
  },
  'three-d-secure': {
    success: [
      'checkout.cardCheckEnrollment',
      'checkout.cardOrder',
      'checkout.cardValidateAuthentication',
      'checkout.cardValidateAuthenticationAndOrder',
      'checkout.walletCheckEnrollment',
      'diagnostic.getTransactionData',
    ],
    failure: [
      'checkout.cardCheckEnrollment',
      'checkout.cardValidateAuthentication',
      'checkout.cardValidateAuthenticationAndOrder',
      'checkout.walletCheckEnrollment',
    ],
  },
  redirections: {
    success: [
      'authentication.hostedFieldsInitialize',
      'checkout.cardOrder',
      'checkout.creditTransferFinalizeAndOrder',
      'checkout.creditTransferInitialize',
      'checkout.creditTransferInquire',
      'checkout.directDebitOrder',
      'checkout.paymentDataProviderCheck',
      'checkout.paymentProviderFinalize',
      'checkout.paymentProviderGetContext',
      'checkout.paymentProviderInitialize',
      'checkout.walletIssuerWalletFinalize',
      'checkout.walletIssuerWalletInitialize',
      'diagnostic.getTransactionData',
      'mandate.finalizeMandate',
      'mandate.getMandateData',
      'mandate.getPdfMandate',
      'mandate.initializeMandate',
      'mandate.searchMandate',
      'token.paymentTokenGenerate',
    ],
    failure: [
      'checkout.cardOrder',
      'checkout.creditTransferFinalizeAndOrder',
      'checkout.creditTransferInitialize',
      'checkout.creditTransferInquire',
      'checkout.paymentDataProviderCheck',
      'checkout.paymentProviderFinalize',
      'checkout.paymentProviderGetContext',
      'checkout.paymentProviderInitialize',
      'checkout.walletIssuerWalletFinalize',
      'checkout.walletIssuerWalletInitialize',
      'mandate.finalizeMandate',
      'token.paymentTokenGenerate',
    ],
  },
  'cash-management': {
    success: [
      'cashManagement.acceptChallenge',
      'cashManagement.cancel',
      'cashManagement.creditHolder',
      'cashManagement.duplicate',
      'cashManagement.refund',
      'cashManagement.refuseChallenge',
      'cashManagement.validate',
      'cashManagement.walletCreditHolder',
      'checkout.cardOrder',
      'diagnostic.getTransactionData',
    ],
    failure: [
      'cashManagement.acceptChallenge',
      'cashManagement.cancel',
      'cashManagement.creditHolder',
      'cashManagement.duplicate',
      'cashManagement.refund',
      'cashManagement.refuseChallenge',
      'cashManagement.validate',
      'cashManagement.walletCreditHolder',
    ],
  },
  wallet: {
    success: [
      'cashManagement.walletCreditHolder',
      'checkout.walletOrder',
      'diagnostic.getTransactionData',
      'wallet.addCard',
      'wallet.addDirectDebit',
      'wallet.deletePaymentMean',
      'wallet.getPaymentMeanData',
      'wallet.getWalletData',
      'wallet.signOff',
      'wallet.updatePaymentMean',
    ],
    failure: [
      'checkout.walletOrder',
      'wallet.addCard',
      'wallet.addDirectDebit',
      'wallet.deletePaymentMean',
      'wallet.getPaymentMeanData',
      'wallet.getWalletData',
      'wallet.signOff',
      'wallet.updatePaymentMean',
    ],
  },
  mandate: {
    success: ['checkout.directDebitOrder', 'mandate.getMandateData', 'mandate.getPdfMandate', 'mandate.searchMandate'],
    failure: [
      'checkout.directDebitOrder',
      'mandate.finalizeMandate',
      'mandate.getMandateData',
      'mandate.getPdfMandate',
    ],
  },
  fraud: {
    success: [
      'checkout.cardOrder',
      'fraud.addToFraudList',
      'fraud.getVelocityData',
      'fraud.removeFromFraudList',
      'paymentMeanInfo.getCardData',
    ],
    failure: [
      'checkout.cardOrder',
      'fraud.addToFraudList',
      'fraud.getVelocityData',
      'fraud.removeFromFraudList',
      'paymentMeanInfo.getCardData',
    ],
  },
  faults: {
    success: ['diagnostic.getTransactionData'],
    failure: [
      'authentication.hostedFieldsInitialize',
      'checkout.cardOrder',
      'diagnostic.getTransactionData',
      'mandate.initializeMandate',
      'mandate.searchMandate',
    ],
  },
  seals: {
    success: ['mandate.searchMandate'],
    failure: ['mandate.initializeMandate', 'mandate.searchMandate'],
  },
};

/** The suite's last test: the operations it exercised both ways are its row of COVERAGE, no more, no fewer. */
export function expectCoverage(suite: Suite): void {
  test(`${suite}: the operations exercised by a success and by a failure are its row of COVERAGE`, () => {
    expect({ success: [...succeeded].sort(), failure: [...failed].sort() }).toEqual(COVERAGE[suite]);
  });
}
