// What the documentation asks merchants to do with a redirection: post redirectionData (and, for
// 3-D Secure 1, PaReq/TermUrl/MD) to redirectionUrl from the buyer's browser with a self-submitting form.

export interface RedirectionResponse {
  readonly redirectionUrl?: string;
  readonly redirectionData?: string;
  readonly messageVersion?: string;
  /** 3-D Secure 1 ACS request (cardCheckEnrollment, walletCheckEnrollment). */
  readonly paReqMessage?: string;
}

export interface RedirectionForm {
  readonly action: string;
  readonly method: 'POST';
  /** Field name to value, in the order they are posted. */
  readonly fields: Readonly<Record<string, string>>;
  /** A complete HTML page that posts the form at once (a visible Continue button when scripts cannot run). */
  readonly html: string;
}

export interface AutoPostOptions {
  /**
   * The Content-Security-Policy nonce of the page (`script-src 'nonce-...'`): the auto-submit script
   * carries it. Without one, a strict policy blocks the script and the buyer clicks Continue.
   */
  readonly nonce?: string;
}

/** Text escaped for HTML content and attribute values. */
export const escapeHtml = (value: string): string =>
  value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** The `<head>` of the pages we serve: UTF-8, the device's width, the title escaped. */
export const htmlHead = (title: string): string =>
  '<head><meta charset="utf-8"><meta name="viewport" content="width=device-width">' +
  `<title>${escapeHtml(title)}</title></head>`;

/**
 * A complete HTML page posting `fields` to `action` at once. The submit button is always rendered, so
 * a page whose script is blocked (no JavaScript, or a Content-Security-Policy without the nonce) still
 * shows a way on; no inline event handler is used, so `nonce` is all a strict policy needs.
 */
export function autoPostPage(
  action: string,
  fields: Readonly<Record<string, string>>,
  title: string,
  options: AutoPostOptions = {},
): string {
  const inputs = Object.entries(fields)
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join('\n      ');
  if (options.nonce !== undefined && !/^[A-Za-z0-9+/=_-]{8,}$/.test(options.nonce))
    throw new TypeError('nonce must be at least 8 base64 characters');
  const nonce = options.nonce !== undefined ? ` nonce="${options.nonce}"` : '';
  const head = htmlHead(title);
  return `<!DOCTYPE html>
<html>
  ${head}
  <body>
    <h1>${escapeHtml(title)}</h1>
    <form method="POST" action="${escapeHtml(action)}">
      ${inputs}
      <p>You are being redirected. If nothing happens, press Continue.</p>
      <button type="submit">Continue</button>
    </form>
    <script${nonce}>document.forms[0].submit()</script>
  </body>
</html>
`;
}

export interface RedirectionFormOptions extends AutoPostOptions {
  /** Where the ACS posts back (3-D Secure 1); required when the response has paReqMessage. */
  readonly termUrl?: string;
}

/**
 * Builds the POST form for a response holding redirectionUrl + redirectionData.
 * `termUrl` is where the ACS posts back (3-D Secure 1); it is required when the response has paReqMessage
 * and must be an absolute http(s) URL. `nonce` goes on the auto-submit script (strict CSP).
 */
export function redirectionForm(response: RedirectionResponse, options: RedirectionFormOptions = {}): RedirectionForm {
  const { redirectionUrl, redirectionData } = response;
  if (!redirectionUrl || !redirectionData)
    throw new TypeError('the response has no redirectionUrl and redirectionData to post');
  const url = new URL(redirectionUrl);
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new TypeError(`refusing to redirect to a ${url.protocol} URL`);
  let fields: Record<string, string>;
  if (response.paReqMessage) {
    if (!options.termUrl) throw new TypeError('termUrl is required to post a 3-D Secure PaReq to the ACS');
    const term = new URL(options.termUrl);
    if (term.protocol !== 'https:' && term.protocol !== 'http:')
      throw new TypeError(`termUrl: refusing a ${term.protocol} URL`);
    fields = { PaReq: response.paReqMessage, TermUrl: options.termUrl, MD: redirectionData };
  } else {
    fields = { redirectionData, ...(response.messageVersion ? { messageVersion: response.messageVersion } : {}) };
  }
  const html = autoPostPage(
    url.toString(),
    fields,
    'Redirection',
    options.nonce !== undefined ? { nonce: options.nonce } : {},
  );
  return { action: url.toString(), method: 'POST', fields, html };
}

/** Decodes a Base64 field (getPdfMandate's mandatePdf) to bytes; refuses text that is not Base64. */
export function decodeBase64(value: string | undefined, field = 'value'): Buffer {
  if (value === undefined) throw new TypeError(`${field} is absent from the response`);
  const compact = value.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(compact) || compact.length % 4 !== 0)
    throw new TypeError(`${field} is not Base64`);
  return Buffer.from(compact, 'base64');
}
