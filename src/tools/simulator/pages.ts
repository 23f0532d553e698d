// The simulator's browser pages under /simulator/: the 3-D Secure ACS (acs-page.ts: the buyer chooses the outcome),
// external provider, bank and mandate signature stand-ins, each posting its result back to the merchant's return URL.
import type * as http from 'node:http';
import { autoPostPage, ResponseCode } from 'sogenactif-office/internal';
import { answerPage, challengePage, isAcsOutcome } from './acs-page';
import { readBody, send } from './http-io';
import type { SimulatorState } from './state';
import { isWebUrl } from './urls';

const TITLES: Readonly<Record<string, string>> = {
  acs: '3-D Secure authentication (simulated ACS)',
  provider: 'External wallet (simulated)',
  bank: 'Bank transfer (simulated)',
  mandate: 'SEPA mandate signature (simulated)',
};

/** Serves /simulator/<kind> for the session its form names (MD for the ACS, redirectionData otherwise). */
export async function servePage(
  url: URL,
  request: http.IncomingMessage,
  response: http.ServerResponse,
  state: SimulatorState,
  maxBytes: number,
): Promise<void> {
  if (url.pathname === '/simulator/hosted-fields-sdk.js')
    return send(
      response,
      200,
      'application/javascript',
      '// Sogenactif Office simulator: hosted fields stand-in\nwindow.SimulatedHostedFields = {};\n',
    );
  const form = request.method === 'POST' ? new URLSearchParams(await readBody(request, maxBytes)) : url.searchParams;
  const kind = url.pathname.slice('/simulator/'.length);
  const sessionId = kind === 'acs' ? form.get('MD') : form.get('redirectionData');
  const session = sessionId ? state.sessions.get(sessionId) : undefined;
  if (!session) return send(response, 404, 'text/html', '<html><body>Unknown or expired session</body></html>');
  // The ACS posts back to the TermUrl it was given; the other pages to the session's return URL.
  const target = (kind === 'acs' ? form.get('TermUrl') : undefined) ?? session.returnUrl;
  if (!target) return send(response, 400, 'text/html', '<html><body>No return URL for this session</body></html>');
  if (!isWebUrl(target))
    return send(
      response,
      400,
      'text/html',
      '<html><body>The return URL (TermUrl) must be an absolute http(s) URL</body></html>',
    );
  if (kind === 'acs') {
    const outcome = form.get('outcome');
    // First the challenge (the buyer chooses), then the answer posted back to TermUrl.
    if (outcome === null)
      return send(response, 200, 'text/html; charset=utf-8', challengePage(session, target, TITLES.acs!));
    if (!isAcsOutcome(outcome))
      return send(
        response,
        400,
        'text/html',
        '<html><body>outcome must be success, failure or attempted</body></html>',
      );
    return send(response, 200, 'text/html; charset=utf-8', answerPage(session, target, outcome, TITLES.acs!));
  }
  const fields: Record<string, string> = {
    merchantId: session.merchantId,
    messageVersion: form.get('messageVersion') ?? '0.1',
    redirectionData: session.id,
    responseCode: ResponseCode['00'],
    transactionReference: session.transactionReference,
    ...(session.kind === 'mandate' ? { mandateId: session.transactionReference } : {}),
  };
  send(response, 200, 'text/html; charset=utf-8', autoPostPage(target, fields, TITLES[kind] ?? 'Simulated page'));
}
