// In-memory state of the simulator: transactions, wallets, mandates, redirection sessions, fraud lists.
import { randomBytes } from 'node:crypto';

export type TransactionStatus =
  'TO_VALIDATE' | 'TO_CAPTURE' | 'CAPTURED' | 'CANCELLED' | 'REFUSED' | 'TO_CREDIT' | 'CREDITED' | 'PENDING';

export interface Transaction {
  readonly merchantId: string;
  readonly transactionReference: string;
  readonly originAmount: number;
  readonly currencyCode: string;
  readonly captureMode: string;
  readonly captureDay: number;
  status: TransactionStatus;
  /** Authorised amount still alive (cancel and validate lower it). */
  currentAmount: number;
  capturedAmount: number;
  refundedAmount: number;
  readonly paymentMeanBrand: string;
  readonly paymentMeanType: string;
  readonly maskedPan?: string;
  /** Kept privately so duplicate can reuse the card; never returned. */
  readonly cardNumber?: string;
  readonly panExpiryDate?: string;
  readonly responseCode: string;
  readonly acquirerResponseCode: string;
  readonly authorisationId?: string;
  readonly transactionDateTime: string;
  /** Day (YYYYMMDD) on which the settlement batch captures it. */
  readonly captureDate: string;
  lastOperationName: string;
  lastOperationDateTime: string;
  readonly orderChannel?: string;
  readonly customerId?: string;
  readonly customerIpAddress?: string;
  readonly orderId?: string;
  readonly holderAuthentStatus?: string;
  readonly fromTransactionReference?: string;
  readonly scoreColor?: string;
  readonly mandateId?: string;
  readonly walletType?: string;
}

export interface WalletPaymentMean {
  readonly paymentMeanId: string;
  readonly paymentMeanBrand: string;
  paymentMeanAlias?: string;
  readonly maskedPan: string;
  readonly cardNumber?: string;
  readonly panExpiryDate?: string;
  readonly mandateId?: string;
  readonly transactionActors?: string;
}

export interface Wallet {
  readonly merchantId: string;
  readonly merchantWalletId: string;
  readonly creationDateTime: string;
  lastActionDateTime: string;
  readonly paymentMeans: WalletPaymentMean[];
}

export interface SimulatedMandate {
  mandateId: string;
  merchantId: string;
  customerId?: string;
  iban: string;
  bic: string;
  mandateStatus: string;
  mandateUsage: string;
  transactionActors: string;
  riskyMandate: string;
  mandateSecureReference: string;
  mandateCreationDate: string;
  mandateLastUpdateDate: string;
  mandateSignatureDate?: string;
}

/** A redirection in progress (3-D Secure, external wallet, bank transfer, mandate signing). */
export interface Session {
  readonly id: string;
  readonly kind: 'threeDS' | 'provider' | 'creditTransfer' | 'issuerWallet' | 'mandate';
  readonly merchantId: string;
  readonly returnUrl?: string;
  /** The request that opened the session (its payment fields). */
  readonly request: Readonly<Record<string, unknown>>;
  readonly transactionReference: string;
  authenticated?: boolean;
  used?: boolean;
}

export interface FraudListEntry {
  readonly merchantId: string;
  readonly fraudListType: string;
  readonly fraudListLevel: string;
  readonly fraudListReasonCode?: string;
  readonly fraudListElementType?: string;
  readonly fraudListElementValue: string;
  readonly addedAt: string;
}

export interface SimulatorState {
  readonly url: string;
  readonly transactions: Map<string, Transaction>;
  readonly wallets: Map<string, Wallet>;
  readonly mandates: Map<string, SimulatedMandate>;
  readonly sessions: Map<string, Session>;
  readonly fraudList: FraudListEntry[];
  /** Hosted-fields session tokens (by key(merchantId, token)) and the payment tokens generated with them. */
  readonly hostedSessions: Set<string>;
  readonly paymentTokens: Map<string, { merchantId: string; cardNumber: string; cardExpiryDate?: string }>;
  sequence: number;
  /** The clock; tests may pin it. */
  now: () => Date;
}

export const key = (merchantId: string, id: string): string => `${merchantId}\u0000${id}`;
export const day = (date: Date): string => date.toISOString().slice(0, 10).replace(/-/g, '');
export const isoDateTime = (date: Date): string => date.toISOString().replace('Z', '+00:00');
export const newId = (bytes = 12): string => randomBytes(bytes).toString('base64url');

export function nextSequence(state: SimulatorState): number {
  state.sequence += 1;
  return state.sequence;
}

export function createState(url: string, now: () => Date = () => new Date()): SimulatorState {
  const state: SimulatorState = {
    url,
    transactions: new Map(),
    wallets: new Map(),
    mandates: new Map(),
    sessions: new Map(),
    fraudList: [],
    hostedSessions: new Set(),
    paymentTokens: new Map(),
    sequence: 0,
    now,
  };
  seed(state);
  return state;
}

/**
 * Back to the state of a fresh start: every transaction, wallet, mandate, session, list and token dropped, the demo
 * data seeded again.
 */
export function resetState(state: SimulatorState): void {
  state.transactions.clear();
  state.wallets.clear();
  state.mandates.clear();
  state.sessions.clear();
  state.fraudList.length = 0;
  state.hostedSessions.clear();
  state.paymentTokens.clear();
  state.sequence = 0;
  seed(state);
}

/** Demo data for the public test merchant: two mandates for CUST-0001 and a wallet with one card. */
function seed(state: SimulatorState): void {
  const merchantId = '002001000000001';
  const mandate = (mandateId: string, mandateStatus: string, mandateUsage: string): void => {
    state.mandates.set(mandateId, {
      mandateId,
      merchantId,
      customerId: 'CUST-0001',
      iban: 'FR76##################89',
      bic: 'SOGEFRPP',
      mandateStatus,
      mandateUsage,
      transactionActors: 'BTOC',
      riskyMandate: 'N',
      mandateSecureReference: `SSP${mandateId.slice(-6)}`,
      mandateCreationDate: '20260105',
      mandateLastUpdateDate: '20260301',
      mandateSignatureDate: '20260105',
    });
  };
  mandate('SDD-MANDATE-000001', 'ACTIVE', 'RECURRENT');
  mandate('SDD-MANDATE-000002', 'REVOKED', 'ONE_OFF');
  state.wallets.set(key(merchantId, 'WALLET-0001'), {
    merchantId,
    merchantWalletId: 'WALLET-0001',
    creationDateTime: '2026-01-05T10:00:00+01:00',
    lastActionDateTime: '2026-01-05T10:00:00+01:00',
    paymentMeans: [
      {
        paymentMeanId: '1',
        paymentMeanBrand: 'VISA',
        paymentMeanAlias: 'Personal Visa',
        maskedPan: '4200##########00',
        cardNumber: '4200000000000000',
        panExpiryDate: '203012',
      },
    ],
  });
}

/** End-of-day settlement: captures every TO_CAPTURE transaction whose capture day has come. */
export function runSettlementBatch(state: SimulatorState, merchantId?: string): Transaction[] {
  const today = day(state.now());
  const captured: Transaction[] = [];
  for (const transaction of state.transactions.values()) {
    if (merchantId && transaction.merchantId !== merchantId) continue;
    if (transaction.status === 'TO_CAPTURE' && transaction.captureDate <= today) {
      transaction.status = 'CAPTURED';
      transaction.capturedAmount = transaction.currentAmount;
      transaction.lastOperationName = 'CAPTURE';
      transaction.lastOperationDateTime = isoDateTime(state.now());
      captured.push(transaction);
    } else if (transaction.status === 'TO_CREDIT') {
      transaction.status = 'CREDITED';
      transaction.lastOperationName = 'CREDIT_CAPTURE';
      transaction.lastOperationDateTime = isoDateTime(state.now());
      captured.push(transaction);
    }
  }
  return captured;
}
