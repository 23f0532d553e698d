// Test cards of the simulator: documented outcomes (listed in the README), brand detection, masking.
import { AcquirerResponseCode, luhnValid, mask, ResponseCode } from 'sogenactif-office/internal';

export interface CardOutcome {
  readonly responseCode: string;
  readonly acquirerResponseCode: string;
  readonly label: string;
  /** Approved but held for a fraud challenge (acceptChallenge / refuseChallenge). */
  readonly challenge?: boolean;
  /** The ACS refuses the 3-D Secure authentication. */
  readonly authenticationFails?: boolean;
}

const APPROVED: CardOutcome = {
  responseCode: ResponseCode['00'],
  acquirerResponseCode: AcquirerResponseCode['00'],
  label: 'approved',
};

/** Card number to outcome. Any other Luhn-valid number is approved; a non-Luhn number gets 14. */
export const TEST_CARDS: Readonly<Record<string, CardOutcome>> = {
  '4200000000000000': APPROVED,
  '5017679110380400': APPROVED,
  '4100000000000005': {
    responseCode: ResponseCode['05'],
    acquirerResponseCode: AcquirerResponseCode['05'],
    label: 'refused: do not honour',
  },
  '5017679110380905': {
    responseCode: ResponseCode['05'],
    acquirerResponseCode: AcquirerResponseCode['05'],
    label: 'refused: do not honour',
  },
  '4100000000000514': {
    responseCode: ResponseCode['05'],
    acquirerResponseCode: AcquirerResponseCode['51'],
    label: 'refused: insufficient funds',
  },
  '4100000000000548': {
    responseCode: ResponseCode['54'],
    acquirerResponseCode: AcquirerResponseCode['54'],
    label: 'refused: card expired',
  },
  '4100000000000142': {
    responseCode: ResponseCode['14'],
    acquirerResponseCode: AcquirerResponseCode['14'],
    label: 'refused: invalid card number',
  },
  '4100000000000639': {
    responseCode: ResponseCode['63'],
    acquirerResponseCode: AcquirerResponseCode['63'],
    label: 'refused: security rules not complied with',
  },
  '4100000000000340': {
    responseCode: ResponseCode['34'],
    acquirerResponseCode: AcquirerResponseCode['59'],
    label: 'refused: fraud suspicion',
  },
  '4100000000000902': {
    responseCode: ResponseCode['90'],
    acquirerResponseCode: AcquirerResponseCode['90'],
    label: 'service temporarily unavailable',
  },
  '4100000000000993': {
    responseCode: ResponseCode['99'],
    acquirerResponseCode: AcquirerResponseCode['96'],
    label: 'temporary problem at the server',
  },
  '4100000000000035': {
    ...APPROVED,
    label: 'approved, held for a fraud challenge (scoreColor ORANGE)',
    challenge: true,
  },
  '4000000000000002': { ...APPROVED, label: '3-D Secure authentication fails at the ACS', authenticationFails: true },
};

/**
 * The outcome of a card at `now`: an invalid number is 14, a past cardExpiryDate (YYYYMM) 54 for every card, then the
 * table.
 */
export function cardOutcome(cardNumber: string, cardExpiryDate: string | undefined, now: Date): CardOutcome {
  const listed = TEST_CARDS[cardNumber];
  if (!listed && (!/^[0-9]{12,19}$/.test(cardNumber) || !luhnValid(cardNumber)))
    return {
      responseCode: ResponseCode['14'],
      acquirerResponseCode: AcquirerResponseCode['14'],
      label: 'invalid card number (Luhn)',
    };
  if (cardExpiryDate && /^[0-9]{6}$/.test(cardExpiryDate)) {
    const current = now.getUTCFullYear() * 100 + now.getUTCMonth() + 1;
    if (Number(cardExpiryDate) < current)
      return {
        responseCode: ResponseCode['54'],
        acquirerResponseCode: AcquirerResponseCode['54'],
        label: 'card expired',
      };
  }
  return listed ?? APPROVED;
}

export function cardBrand(cardNumber: string): string {
  if (/^4/.test(cardNumber)) return 'VISA';
  if (/^(5[1-5]|2[2-7])/.test(cardNumber)) return 'MASTERCARD';
  if (/^3[47]/.test(cardNumber)) return 'AMEX';
  if (/^(50|5[6-9]|6)/.test(cardNumber)) return 'MAESTRO';
  return 'CB';
}

/** As the gateway masks: first 4 and last 2 digits clear (the client's redaction rule). */
export const maskPan = (cardNumber: string): string => mask(cardNumber, 'pan');
