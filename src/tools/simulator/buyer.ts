// The buyer for tests: `acs.authenticate(form, { outcome })` walks the simulator's 3-D Secure ACS page as a browser
// would (plain HTTP form posts, no browser): posts the merchant's redirection form, chooses the outcome on the
// challenge page, and returns the form the ACS posts back to TermUrl (PaRes and MD).
import { ACS_OUTCOMES, type AcsOutcome } from './acs-page';

export type { AcsOutcome };

/** What a page's form posts: where, and its fields (hidden inputs), with the submit choices it offers. */
export interface PostedForm {
  readonly action: string;
  readonly fields: Readonly<Record<string, string>>;
}

export interface AcsAuthenticateOptions {
  /** What the cardholder does at the ACS; without it, the page's default (failure for card 4000000000000002). */
  readonly outcome?: AcsOutcome;
}

/** The ACS's answer, as the buyer's browser posts it to TermUrl. */
export interface AcsAnswer extends PostedForm {
  readonly outcome: AcsOutcome;
  /** `fields.PaRes`: the finalisation's `paResMessage`. */
  readonly paResMessage: string;
  /**
   * `fields.MD`: the value the merchant's form posted as MD, that is the enrolment's `redirectionData`; the
   * finalisation's `redirectionData`.
   */
  readonly redirectionData: string;
}

/** Thrown when a page is not what a browser would get on the way (an HTTP error, no form, no such choice). */
export class AcsWalkError extends Error {
  override readonly name = 'AcsWalkError';
}

const unescapeHtml = (value: string): string =>
  value.replace(
    /&(amp|lt|gt|quot|#39);/g,
    (_m, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[e]!,
  );

const attribute = (tag: string, name: string): string | undefined => {
  const match = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return match ? unescapeHtml(match[1]!) : undefined;
};

/** The first form of an HTML page: its action (resolved against the page's URL), hidden fields and submit buttons. */
export function readPageForm(
  html: string,
  pageUrl: string,
): PostedForm & { readonly buttons: readonly { name: string; value: string; isDefault: boolean }[] } {
  const open = /<form\b[^>]*>/i.exec(html);
  if (!open) throw new AcsWalkError(`the page at ${pageUrl} has no form`);
  const end = html.indexOf('</form>', open.index);
  const body = html.slice(open.index, end === -1 ? undefined : end);
  const fields: Record<string, string> = {};
  for (const [tag] of body.matchAll(/<input\b[^>]*>/gi)) {
    const name = attribute(tag, 'name');
    if (name !== undefined && attribute(tag, 'type') === 'hidden') fields[name] = attribute(tag, 'value') ?? '';
  }
  const buttons = [...body.matchAll(/<button\b[^>]*>/gi)].flatMap(([tag]) => {
    const name = attribute(tag, 'name');
    const value = attribute(tag, 'value');
    return name !== undefined && value !== undefined
      ? [{ name, value, isDefault: /\sdata-default="true"/.test(tag) }]
      : [];
  });
  return { action: new URL(attribute(open[0], 'action') ?? pageUrl, pageUrl).toString(), fields, buttons };
}

async function post(action: string, fields: Readonly<Record<string, string>>): Promise<string> {
  const response = await fetch(action, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  });
  const html = await response.text();
  if (response.status !== 200)
    throw new AcsWalkError(
      `POST ${new URL(action).pathname} answered ${response.status}: ` +
        `${html
          .replace(/<[^>]+>/g, ' ')
          .replace(/\s+/g, ' ')
          .trim()}`,
    );
  return html;
}

/**
 * Walks the simulated ACS: posts `form` (what `redirectionForm(enrollment, { termUrl })` built) to its action, presses
 * the `outcome` button of the challenge page, and returns what the ACS posts back to TermUrl. Nothing is posted to
 * TermUrl itself: hand `paResMessage` and `redirectionData` to your return handler, or post `fields` to `action`.
 */
async function authenticate(form: PostedForm, options: AcsAuthenticateOptions = {}): Promise<AcsAnswer> {
  if (options.outcome !== undefined && !Object.prototype.hasOwnProperty.call(ACS_OUTCOMES, options.outcome)) {
    throw new TypeError(
      `outcome must be one of ${Object.keys(ACS_OUTCOMES).join(', ')}, not ${JSON.stringify(options.outcome)}`,
    );
  }
  const challenge = readPageForm(await post(form.action, form.fields), form.action);
  const choice =
    options.outcome === undefined
      ? challenge.buttons.find((b) => b.isDefault)
      : challenge.buttons.find((b) => b.name === 'outcome' && b.value === options.outcome);
  if (!choice)
    throw new AcsWalkError(
      `the ACS page offers no ${options.outcome ?? 'default'} choice (it offers ` +
        `${challenge.buttons.map((b) => b.value).join(', ') || 'none'})`,
    );
  const answer = readPageForm(
    await post(challenge.action, { ...challenge.fields, [choice.name]: choice.value }),
    challenge.action,
  );
  const { PaRes, MD } = answer.fields;
  if (PaRes === undefined || MD === undefined)
    throw new AcsWalkError(`the ACS answer posts no PaRes and MD to ${answer.action}`);
  return {
    action: answer.action,
    fields: answer.fields,
    outcome: choice.value as AcsOutcome,
    paResMessage: PaRes,
    redirectionData: MD,
  };
}

/** The form of a page the buyer's browser received (your redirection page's HTML, say), ready for `authenticate`. */
const formOf = (html: string, pageUrl: string): PostedForm => {
  const { action, fields } = readPageForm(html, pageUrl);
  return { action, fields };
};

/** The simulated ACS, seen from the buyer's side. */
export const acs = { authenticate, formOf } as const;
