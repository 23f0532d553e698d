// The dashboard at `/`: a server-rendered page (no script) listing the merchants, their transactions with
// status and amounts, the recent exchanges (masked, with seal verdicts; unauthenticated ones apart, for the local
// operator only), and the batch, clock and reset controls.
import { escapeHtml } from 'sogenactif-office/internal';
import type { AdminIdentity } from './admin';
import type { SimulatorMerchant } from './dispatch';
import type { Exchange } from './exchange-log';
import type { SimulatorState, Transaction } from './state';

export interface DashboardView {
  readonly identity: AdminIdentity;
  readonly merchants: readonly SimulatorMerchant[];
  readonly state: SimulatorState;
  /** The recent exchanges whose seal verified (the viewer's own, for a merchant). */
  readonly exchanges: readonly Exchange[];
  /** The recent requests whose seal did not verify (shown to the local operator only, whatever merchant they claim). */
  readonly unauthenticated: readonly Exchange[];
  readonly clockOffsetDays: number;
  /** A line to show at the top (the result of the last action). */
  readonly notice?: string;
}

const escape = (value: unknown): string => escapeHtml(String(value ?? ''));

const amount = (minor: number, currency: string): string =>
  `${(minor / 100).toFixed(2)}${currency === '978' ? ' EUR' : ` (${escape(currency)})`}`;

function transactionRow(t: Transaction): string {
  return (
    `<tr data-reference="${escape(t.transactionReference)}"><td>${escape(t.merchantId)}</td><td><code>` +
    `${escape(t.transactionReference)}</code></td><td class="status">${escape(t.status)}</td><td>` +
    `${amount(t.originAmount, t.currencyCode)}</td><td>${amount(t.currentAmount, t.currencyCode)}</td><td>` +
    `${amount(t.capturedAmount, t.currencyCode)}</td><td>${amount(t.refundedAmount, t.currencyCode)}</td><td>` +
    `${escape(t.paymentMeanBrand)} ${escape(t.maskedPan ?? '')}</td><td>${escape(t.captureDate)}</td><td>` +
    `${escape(t.responseCode)}</td></tr>`
  );
}

const EXCHANGE_HEADER =
  '<tr><th>#</th><th>at</th><th>operation</th><th>wire</th><th>merchant</th><th>code</th><th>seal</th><th>fault' +
  '</th><th>request (masked)</th></tr>';

function exchangeRow(e: Exchange): string {
  const summary = JSON.stringify(e.request).slice(0, 240);
  return (
    `<tr><td>${e.sequence}</td><td>${escape(e.at)}</td><td>${escape(e.service)}.${escape(e.operation)}</td><td>` +
    `${e.wire === 'json' ? 'JSON' : 'SOAP'}</td><td>` +
    (e.merchantId !== undefined
      ? escape(e.merchantId)
      : e.claimedMerchantId !== undefined
        ? `claims ${escape(e.claimedMerchantId)}`
        : '') +
    `</td><td>${escape(e.responseCode ?? '')}</td><td class="seal-${escape(e.seal.replace(/\s+/g, '-'))}">` +
    `${escape(e.seal)}</td><td>${escape(e.fault ?? '')}${e.error ? ` ${escape(e.error)}` : ''}</td><td><code>` +
    `${escape(summary)}</code></td></tr>`
  );
}

const TRANSACTION_HEADER =
  '<tr><th>merchant</th><th>reference</th><th>status</th><th>amount</th><th>current</th><th>captured</th>' +
  '<th>refunded</th><th>means</th><th>capture date</th><th>code</th></tr>';

const CONTROLS =
  '<form method="POST" action="/simulator/batch"><button type="submit" id="run-batch">' +
  'Run the settlement batch</button></form>\n' +
  '<form method="POST" action="/simulator/clock"><label>Advance the clock by ' +
  '<input name="days" type="number" min="0" max="3660" value="1" size="4"> day(s)</label> ' +
  '<button type="submit" id="advance-clock">Advance</button></form>\n' +
  '<form method="POST" action="/simulator/reset"><button type="submit" id="reset">Reset</button></form>';

/** The whole page. Every value is escaped; card numbers only appear masked (the log and state keep them so). */
export function renderDashboard(view: DashboardView): string {
  const visible = (merchantId: string): boolean =>
    view.identity.kind === 'local' || view.identity.merchantId === merchantId;
  const merchants = view.merchants.filter((m) => visible(m.merchantId));
  const transactions = [...view.state.transactions.values()].filter((t) => visible(t.merchantId)).reverse();
  const exchanges = view.exchanges
    .filter((e) => e.merchantId !== undefined && visible(e.merchantId))
    .slice(-50)
    .reverse();
  const unauthenticated = view.identity.kind === 'local' ? view.unauthenticated.slice(-50).reverse() : [];
  const viewer =
    view.identity.kind === 'local'
      ? 'the local operator (every merchant)'
      : `merchant ${escape(view.identity.merchantId)}`;
  const clock =
    `<p>Simulator time: <strong id="clock">${escape(view.state.now().toISOString())}</strong> ` +
    `(${view.clockOffsetDays} day(s) ahead of real time). Viewing as ${viewer}.</p>`;
  const merchantRow = (m: SimulatorMerchant): string =>
    `<tr><td>${escape(m.merchantId)}</td><td>${m.keyVersion}</td><td>` +
    `${transactions.filter((t) => t.merchantId === m.merchantId).length}</td></tr>`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Sogenactif Office simulator</title>
<style>
body { font: 14px/1.4 system-ui, sans-serif; margin: 1.5em; color: #222; }
table { border-collapse: collapse; margin-bottom: 1.5em; }
th, td { border: 1px solid #ccc; padding: 3px 6px; text-align: left; vertical-align: top; }
th { background: #f3f3f3; }
code { font-size: 12px; }
td:last-child code { display: block; max-width: 48em; word-break: break-all; }
.seal-valid { color: #0a0; } .seal-invalid, .seal-missing, .seal-wrong-keyVersion { color: #c00; font-weight: bold; }
form { display: inline-block; margin-right: 1em; }
.notice { background: #eef6ff; padding: 6px; border: 1px solid #9bd; }
</style>
</head>
<body>
<h1>Sogenactif Office simulator</h1>
${clock}
${view.notice ? `<p class="notice" id="notice">${escape(view.notice)}</p>` : ''}
<h2>Controls</h2>
${CONTROLS}
<h2>Merchants</h2>
<table id="merchants"><tr><th>merchantId</th><th>keyVersion</th><th>transactions</th></tr>
${merchants.map(merchantRow).join('\n')}
</table>
<h2>Transactions</h2>
<table id="transactions">${TRANSACTION_HEADER}
${transactions.map(transactionRow).join('\n')}
</table>
<h2>Recent exchanges</h2>
<table id="exchanges">${EXCHANGE_HEADER}
${exchanges.map(exchangeRow).join('\n')}
</table>
${
  view.identity.kind === 'local'
    ? `<h2>Unauthenticated requests</h2>
<p>Requests whose seal did not verify (or that could not be read), kept apart whatever merchant they claim.</p>
<table id="unauthenticated">${EXCHANGE_HEADER}
${unauthenticated.map(exchangeRow).join('\n')}
</table>
`
    : ''
}</body>
</html>
`;
}
