// Pages in a real browser: headless Chromium (Debian's package) driven by playwright-core walks a merchant's checkout
// through redirectionForm() and the simulator's pages (3-D Secure ACS, where the buyer clicks the outcome, external
// wallet, mandate signing), under a strict CSP, and reads the dashboard. Screenshots: .tmp/browser/.
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import { createClient, isAuthenticationFailedError, redirectionForm, type SogenactifClient } from '../../src/runtime';
import { DEFAULT_MERCHANT, startSimulator, type RunningSimulator } from '../../src/tools/simulator';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SHOTS = path.resolve(__dirname, '..', '..', '.tmp', 'browser');
type Playwright = typeof import('playwright-core');
type Browser = import('playwright-core').Browser;
type Page = import('playwright-core').Page;

function loadPlaywright(): Playwright | string {
  if (!fs.existsSync(CHROMIUM)) return `no Chromium at ${CHROMIUM} (make tools installs Debian's chromium package)`;
  try {
    return require('playwright-core') as Playwright;
  } catch (error) {
    return `playwright-core cannot be loaded: ${(error as Error).message}`;
  }
}
const playwright = loadPlaywright();
const describeInBrowser = typeof playwright === 'string' ? describe.skip : describe;
if (typeof playwright === 'string') process.stderr.write(`\nSKIPPED browser tests: ${playwright}\n\n`);

let simulator: RunningSimulator;
let client: SogenactifClient;
let browser: Browser;
let merchant: http.Server;
let shop = '';
/** Transaction references and mandate ids the merchant pages produced, by flow. */
const results: Record<string, Record<string, unknown>> = {};
let sequence = 0;
const reference = (prefix: string): string => `${prefix}${Date.now().toString(36)}${(sequence += 1)}`;

const page = (title: string, body: string): string =>
  `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${title}</title></head><body><h1>${title}</h1>` +
  `${body}</body></html>`;
const formOf = async (request: http.IncomingMessage): Promise<URLSearchParams> => {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
};

/** The merchant's site: starts each flow with redirectionForm() and finalises where the simulator posts back. */
async function shopRoute(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
  const url = new URL(request.url ?? '/', shop);
  const csp = url.searchParams.get('csp') ?? 'nonce';
  const nonce = randomBytes(16).toString('base64');
  const policy =
    `default-src 'none'; script-src ${csp === 'nonce' ? `'nonce-${nonce}'` : "'none'"}` +
    `; style-src 'unsafe-inline'; form-action 'self' ${simulator.url}`;
  const sendForm = (form: ReturnType<typeof redirectionForm>): void => {
    response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': policy });
    response.end(form.html);
  };
  const done = (flow: string, fields: Record<string, unknown>): void => {
    results[flow] = fields;
    response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    response.end(
      page(
        `Order confirmed (${flow})`,
        `<dl>${Object.entries(fields)
          .map(([k, v]) => `<dt>${k}</dt><dd id="${k}">${String(v)}</dd>`)
          .join('')}` + `</dl>`,
      ),
    );
  };
  const flowOptions = csp === 'nonce' ? { nonce } : {};
  switch (url.pathname) {
    case '/pay-3ds': {
      const enrollment = await client.checkout.cardCheckEnrollment({
        amount: 4990,
        currencyCode: '978',
        orderChannel: 'INTERNET',
        cardNumber: url.searchParams.get('card') ?? '4200000000000000',
        cardExpiryDate: '203012',
        transactionReference: reference('WEB3DS'),
        merchantReturnUrl: `${shop}/3ds-return`,
      });
      return sendForm(redirectionForm(enrollment, { termUrl: `${shop}/3ds-return`, ...flowOptions }));
    }
    case '/3ds-return': {
      const form = await formOf(request);
      try {
        const final = await client.checkout.cardValidateAuthenticationAndOrder({
          messageVersion: '0.1',
          redirectionData: form.get('MD') ?? '',
          paResMessage: form.get('PaRes') ?? '',
        });
        return done('3ds', {
          responseCode: final.responseCode,
          transactionReference: final.transactionReference,
          holderAuthentStatus: final.holderAuthentStatus,
        });
      } catch (error) {
        if (!isAuthenticationFailedError(error, 'checkout.cardValidateAuthenticationAndOrder')) throw error;
        return done('3ds-refused', {
          responseCode: error.code,
          reason: error.reason,
          holderAuthentStatus: error.holderAuthentStatus,
          transactionReference: error.response?.transactionReference,
        });
      }
    }
    case '/pay-wallet': {
      const init = await client.checkout.paymentProviderInitialize({
        amount: 2500,
        currencyCode: '978',
        orderChannel: 'INTERNET',
        paymentMeanBrand: 'PAYPAL',
        merchantReturnUrl: `${shop}/wallet-return`,
        transactionReference: reference('WEBPP'),
      });
      return sendForm(redirectionForm(init, flowOptions));
    }
    case '/wallet-return': {
      const form = await formOf(request);
      const final = await client.checkout.paymentProviderFinalize({
        messageVersion: form.get('messageVersion') ?? '0.1',
        redirectionData: form.get('redirectionData') ?? '',
      });
      return done('wallet', {
        responseCode: final.responseCode,
        transactionReference: final.transactionReference,
        transactionStatus: final.transactionStatus,
      });
    }
    case '/sign-mandate': {
      const init = await client.mandate.initializeMandate({
        customerId: 'CUST-WEB',
        iban: 'FR7630006000011234567890189',
        merchantReturnUrl: `${shop}/mandate-return`,
        mandateUsage: 'RECURRENT',
      });
      return sendForm(redirectionForm(init, flowOptions));
    }
    case '/mandate-return': {
      const form = await formOf(request);
      const final = await client.mandate.finalizeMandate({
        messageVersion: form.get('messageVersion') ?? '1.0',
        redirectionData: form.get('redirectionData') ?? '',
      });
      return done('mandate', {
        mandateResponseCode: final.mandateResponseCode,
        mandateId: final.mandateId,
        mandateStatus: final.mandateStatus,
      });
    }
    default:
      response.writeHead(404).end();
  }
}

const shot = async (p: Page, name: string): Promise<void> => {
  await p.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
};

describeInBrowser('in headless Chromium', () => {
  beforeAll(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    simulator = await startSimulator({ localAdmin: true });
    client = createClient({ ...DEFAULT_MERCHANT, environment: simulator.url, retry: false });
    merchant = http.createServer((request, response) => {
      shopRoute(request, response).catch((error: Error) => {
        if (!response.headersSent) response.writeHead(500, { 'Content-Type': 'text/plain' });
        response.end(`shop error: ${error.message}`);
      });
    });
    await new Promise<void>((resolve) => merchant.listen(0, '127.0.0.1', resolve));
    shop = `http://127.0.0.1:${(merchant.address() as AddressInfo).port}`;
    browser = await (playwright as Playwright).chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      // Playwright gives each launch a fresh, empty profile (user data dir) of its own.
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    process.stderr.write(`browser tests: Chromium ${browser.version()} at ${CHROMIUM}; screenshots in ${SHOTS}\n`);
  });
  afterAll(async () => {
    await browser?.close();
    client?.close();
    await new Promise((resolve) => merchant?.close(resolve));
    await simulator?.close();
  });

  /** Follows every document the page loads (the chain of auto-posted forms). */
  const documents = (p: Page): string[] => {
    const seen: string[] = [];
    p.on('request', (r) => {
      if (r.resourceType() === 'document') seen.push(`${r.method()} ${new URL(r.url()).pathname}`);
    });
    return seen;
  };

  /** The buyer at the simulated ACS: reads the challenge, presses the button of their choice. */
  const choose = async (p: Page, outcome: 'success' | 'failure' | 'attempted'): Promise<void> => {
    await p.waitForURL(`${simulator.url}/simulator/acs`);
    expect(await p.title()).toBe('3-D Secure authentication (simulated ACS)');
    expect(await p.textContent('#card')).toMatch(/^\d{4}#+\d{2}$/);
    await p.click(`button[name=outcome][value=${outcome}]`);
  };

  test(
    '3-D Secure with scripts on, under a CSP with a nonce: merchant form -> ACS challenge, the buyer clicks ' +
      'Authenticate -> TermUrl -> order',
    async () => {
      const context = await browser.newContext();
      const p = await context.newPage();
      const chain = documents(p);
      const violations: string[] = [];
      p.on('console', (m) => m.text().includes('Content Security Policy') && violations.push(m.text()));
      await p.goto(`${shop}/pay-3ds`);
      await shot(p, '3ds-0-challenge');
      await choose(p, 'success');
      await p.waitForURL(`${shop}/3ds-return`);
      await p.waitForSelector('#holderAuthentStatus');
      await shot(p, '3ds-auto-confirmed');
      expect(chain).toEqual(['GET /pay-3ds', 'POST /simulator/acs', 'POST /simulator/acs', 'POST /3ds-return']);
      expect(violations).toEqual([]);
      expect(results['3ds']).toMatchObject({ responseCode: '00', holderAuthentStatus: '3D_SUCCESS' });
      await context.close();
    },
  );

  test('3-D Secure step by step with scripts off: each page shows Continue (screenshots of every step)', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const p = await context.newPage();
    await p.goto(`${shop}/pay-3ds`);
    await shot(p, '3ds-1-merchant-form');
    expect(await p.isVisible('button[type=submit]')).toBe(true);
    await Promise.all([p.waitForURL(`${simulator.url}/simulator/acs`), p.click('button[type=submit]')]);
    await shot(p, '3ds-2-simulator-acs');
    expect(
      await p
        .locator('button[name=outcome]')
        .evaluateAll((buttons) => buttons.map((b) => (b as unknown as { value: string }).value)),
    ).toEqual(['success', 'failure', 'attempted']);
    await choose(p, 'success');
    await p.waitForSelector('text=You are being redirected');
    await shot(p, '3ds-3-acs-answer');
    await Promise.all([p.waitForURL(`${shop}/3ds-return`), p.click('button[type=submit]')]);
    await shot(p, '3ds-4-term-url-confirmed');
    expect(await p.textContent('#responseCode')).toBe('00');
    await context.close();
  });

  test('a strict CSP without the nonce blocks the script: the visible Continue button completes the flow', async () => {
    const context = await browser.newContext();
    const p = await context.newPage();
    await p.goto(`${shop}/pay-3ds?csp=strict`);
    await p.waitForTimeout(300);
    // Still on the merchant's page: the auto-submit did not run.
    expect(new URL(p.url()).pathname).toBe('/pay-3ds');
    expect(await p.isVisible('button[type=submit]')).toBe(true);
    await shot(p, 'csp-strict-continue-button');
    await Promise.all([p.waitForURL(`${simulator.url}/simulator/acs`), p.click('button[type=submit]')]);
    await choose(p, 'success');
    await p.waitForURL(`${shop}/3ds-return`);
    await p.waitForSelector('#holderAuthentStatus');
    expect(await p.textContent('#responseCode')).toBe('00');
    await context.close();
  });

  test(
    'the buyer fails the challenge on an ordinary card: the merchant gets AuthenticationFailedError ' +
      '(3D_FAILURE), no payment',
    async () => {
      const context = await browser.newContext();
      const p = await context.newPage();
      await p.goto(`${shop}/pay-3ds`);
      await choose(p, 'failure');
      await p.waitForURL(`${shop}/3ds-return`);
      await p.waitForSelector('#reason');
      await shot(p, '3ds-refused-by-choice');
      expect(results['3ds-refused']).toMatchObject({
        responseCode: '05',
        reason: '3D_FAILURE',
        holderAuthentStatus: '3D_FAILURE',
      });
      const data = await client.diagnostic
        .getTransactionData({ transactionReference: String(results['3ds-refused']?.transactionReference) })
        .catch((e: Error & { code?: string }) => e.code);
      expect(data).toBe('25'); // nothing was authorised under that reference
      await context.close();
    },
  );

  test('the buyer chooses "attempted": approved with 3D_ATTEMPT', async () => {
    const context = await browser.newContext();
    const p = await context.newPage();
    await p.goto(`${shop}/pay-3ds`);
    await choose(p, 'attempted');
    await p.waitForURL(`${shop}/3ds-return`);
    await p.waitForSelector('#holderAuthentStatus');
    expect(await p.textContent('#holderAuthentStatus')).toBe('3D_ATTEMPT');
    await context.close();
  });

  test(
    'card 4000000000000002: the ACS page offers failure first (autofocus); pressing Enter fails the ' +
      'authentication',
    async () => {
      const context = await browser.newContext();
      const p = await context.newPage();
      await p.goto(`${shop}/pay-3ds?card=4000000000000002`);
      await p.waitForURL(`${simulator.url}/simulator/acs`);
      expect(await p.getAttribute('button[data-default]', 'value')).toBe('failure');
      await p.keyboard.press('Enter');
      await p.waitForURL(`${shop}/3ds-return`);
      await p.waitForSelector('#responseCode');
      await shot(p, '3ds-refused');
      expect(await p.textContent('#responseCode')).toBe('05');
      expect(results['3ds-refused']).toMatchObject({ holderAuthentStatus: '3D_FAILURE' });
      await context.close();
    },
  );

  test('external wallet: form -> simulator wallet -> merchantReturnUrl -> paymentProviderFinalize', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const p = await context.newPage();
    await p.goto(`${shop}/pay-wallet`);
    await shot(p, 'wallet-1-merchant-form');
    await Promise.all([p.waitForURL(`${simulator.url}/simulator/provider`), p.click('button[type=submit]')]);
    expect(await p.title()).toBe('External wallet (simulated)');
    await shot(p, 'wallet-2-simulator-page');
    await Promise.all([p.waitForURL(`${shop}/wallet-return`), p.click('button[type=submit]')]);
    await shot(p, 'wallet-3-confirmed');
    expect(results.wallet).toMatchObject({ responseCode: '00', transactionStatus: 'TO_CAPTURE' });
    // And with scripts on, under the nonce CSP, the whole chain runs by itself.
    const live = await browser.newContext();
    const q = await live.newPage();
    const chain = documents(q);
    await q.goto(`${shop}/pay-wallet`);
    await q.waitForSelector('#transactionStatus');
    expect(chain).toEqual(['GET /pay-wallet', 'POST /simulator/provider', 'POST /wallet-return']);
    await live.close();
    await context.close();
  });

  test(
    'mandate signing: merchant form -> simulator signature page -> merchantReturnUrl -> finalizeMandate ' + '(ACTIVE)',
    async () => {
      const context = await browser.newContext();
      const p = await context.newPage();
      const chain = documents(p);
      await p.goto(`${shop}/sign-mandate`);
      await p.waitForSelector('#mandateStatus');
      await shot(p, 'mandate-confirmed');
      expect(chain).toEqual(['GET /sign-mandate', 'POST /simulator/mandate', 'POST /mandate-return']);
      expect(results.mandate).toMatchObject({ mandateResponseCode: '00', mandateStatus: 'ACTIVE' });
      await context.close();
    },
  );

  test('the dashboard shows the resulting transaction; its batch button captures it', async () => {
    const transactionReference = String(results['3ds']?.transactionReference);
    const context = await browser.newContext();
    const p = await context.newPage();
    await p.goto(`${simulator.url}/`);
    const row = p.locator(`#transactions tr[data-reference="${transactionReference}"]`);
    expect(await row.locator('.status').textContent()).toBe('TO_CAPTURE');
    expect(await row.textContent()).toContain('49.90 EUR');
    expect(await p.locator('#exchanges').textContent()).toContain('cardValidateAuthenticationAndOrder');
    expect(await p.locator('#exchanges').textContent()).not.toContain('4200000000000000');
    await shot(p, 'dashboard-1-transactions');
    await Promise.all([p.waitForURL(/notice=/), p.click('#run-batch')]);
    expect(await p.textContent('#notice')).toMatch(/settlement batch: [1-9]\d* transaction\(s\) settled/);
    expect(await row.locator('.status').textContent()).toBe('CAPTURED');
    await Promise.all([p.waitForURL(/notice=/), p.click('#advance-clock')]);
    expect(await p.textContent('#notice')).toMatch(/clock advanced by 1 day/);
    await shot(p, 'dashboard-2-after-batch-and-clock');
    await context.close();
  });
});
