// The simulated 3-D Secure ACS: the challenge page where the buyer (a human, a browser test or acs.authenticate)
// chooses the outcome, then the page that posts PaRes and MD back to the merchant's TermUrl.
import { autoPostPage, escapeHtml, htmlHead } from 'sogenactif-office/internal';
import { maskPan, TEST_CARDS } from './cards';
import type { Session } from './state';

/**
 * What the buyer can do at the simulated ACS, and the PaRes transaction status each gives (Y, N, A as in 3-D Secure 1).
 */
export const ACS_OUTCOMES = { success: 'Y', failure: 'N', attempted: 'A' } as const;
export type AcsOutcome = keyof typeof ACS_OUTCOMES;

const LABELS: Readonly<Record<AcsOutcome, string>> = {
  success: 'Authenticate (the buyer passes the challenge)',
  failure: 'Fail the authentication (wrong code, or the buyer gives up)',
  attempted: 'Attempt only (the issuer gives a proof of attempt, no challenge)',
};

export const isAcsOutcome = (value: string | null): value is AcsOutcome =>
  value !== null && Object.prototype.hasOwnProperty.call(ACS_OUTCOMES, value);

/**
 * The outcome the page offers first: failure for the card the README lists as refused at the ACS, success otherwise.
 */
export function defaultOutcome(session: Session): AcsOutcome {
  return TEST_CARDS[String(session.request.cardNumber ?? '')]?.authenticationFails ? 'failure' : 'success';
}

/** The challenge page: no script, one form, one submit button per outcome (the default first and autofocused). */
export function challengePage(session: Session, termUrl: string, title: string): string {
  const first = defaultOutcome(session);
  const order = [first, ...(Object.keys(ACS_OUTCOMES) as AcsOutcome[]).filter((o) => o !== first)];
  const amount = Number(session.request.amount ?? 0);
  const currency = escapeHtml(String(session.request.currencyCode ?? ''));
  const card = escapeHtml(maskPan(String(session.request.cardNumber ?? '')));
  const payment =
    `<p>Payment of <strong id="amount">${(amount / 100).toFixed(2)}</strong> ` +
    `(currency <span id="currency">${currency}</span>) with card <strong id="card">${card}</strong>.</p>`;
  const buttons = order
    .map(
      (o) =>
        `<p><button type="submit" name="outcome" value="${o}"` +
        `${o === first ? ' autofocus data-default="true"' : ''}>${escapeHtml(LABELS[o])}</button></p>`,
    )
    .join('\n      ');
  const head = htmlHead(title);
  return `<!DOCTYPE html>
<html>
  ${head}
  <body>
    <h1>${escapeHtml(title)}</h1>
    ${payment}
    <p>Choose what the cardholder does:</p>
    <form method="POST" action="/simulator/acs">
      <input type="hidden" name="MD" value="${escapeHtml(session.id)}">
      <input type="hidden" name="TermUrl" value="${escapeHtml(termUrl)}">
      ${buttons}
    </form>
  </body>
</html>
`;
}

/** The page posting the ACS's answer back to TermUrl: PaRes `<Y|N|A>:<session>` and MD (the session, as posted). */
export function answerPage(session: Session, termUrl: string, outcome: AcsOutcome, title: string): string {
  return autoPostPage(termUrl, { PaRes: `${ACS_OUTCOMES[outcome]}:${session.id}`, MD: session.id }, title);
}
