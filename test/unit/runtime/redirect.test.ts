// src/runtime/redirect.ts: redirectionForm's form for each redirection (external supplier, mandate signing, 3-D
// Secure), its refusals (a javascript: URL, a bad nonce), and decodeBase64.
import { decodeBase64, redirectionForm } from '../../../src/runtime';

describe('redirectionForm', () => {
  test('external supplier / mandate signing: posts redirectionData (and messageVersion)', () => {
    const form = redirectionForm({
      redirectionUrl: 'https://acs.example/sign?x=1',
      redirectionData: 'a"b<c>',
      messageVersion: '1.0',
    });
    expect(form).toMatchObject({
      action: 'https://acs.example/sign?x=1',
      method: 'POST',
      fields: { redirectionData: 'a"b<c>', messageVersion: '1.0' },
    });
    expect(form.html).toContain('<form method="POST" action="https://acs.example/sign?x=1">');
    expect(form.html).toContain('<input type="hidden" name="redirectionData" value="a&quot;b&lt;c&gt;">');
    expect(form.html).toContain('document.forms[0].submit()');
  });

  test('3-D Secure 1: PaReq, TermUrl and MD', () => {
    const form = redirectionForm(
      { redirectionUrl: 'https://acs.example/pareq', redirectionData: 'RD', paReqMessage: 'PAREQ' },
      { termUrl: 'https://shop.example/3ds' },
    );
    expect(form.fields).toEqual({ PaReq: 'PAREQ', TermUrl: 'https://shop.example/3ds', MD: 'RD' });
  });

  test.each([
    [{ redirectionData: 'x' }, /no redirectionUrl/],
    [{ redirectionUrl: 'javascript:alert(1)', redirectionData: 'x' }, /javascript/],
    [{ redirectionUrl: 'https://a', redirectionData: 'x', paReqMessage: 'p' }, /termUrl/],
  ])('refuses %j', (response, message) => {
    expect(() => redirectionForm(response)).toThrow(message);
  });

  test('a javascript: termUrl is refused', () => {
    expect(() =>
      redirectionForm(
        { redirectionUrl: 'https://a', redirectionData: 'x', paReqMessage: 'p' },
        { termUrl: 'javascript:alert(1)' },
      ),
    ).toThrow(/termUrl: refusing a javascript: URL/);
  });

  // given: the nonce option; want: the script tag, with no inline event handler, and the Continue button always there.
  test.each([
    [undefined, '<script>document.forms[0].submit()</script>'],
    ['r4nd0mN0nce+/=', '<script nonce="r4nd0mN0nce+/=">document.forms[0].submit()</script>'],
  ])('nonce %p: %s', (nonce, script) => {
    const form = redirectionForm(
      { redirectionUrl: 'https://a.example', redirectionData: 'x' },
      nonce === undefined ? {} : { nonce },
    );
    expect(form.html).toContain(script);
    expect(form.html).toContain('<button type="submit">Continue</button>');
    expect(form.html).not.toMatch(/\son[a-z]+=/);
    expect(form.html).not.toContain('<noscript>');
  });

  test.each(['short', 'has"quote"and<more>', ''])(
    'a nonce that is not base64 of 8+ characters is refused: %p',
    (nonce) => {
      expect(() => redirectionForm({ redirectionUrl: 'https://a.example', redirectionData: 'x' }, { nonce })).toThrow(
        /nonce/,
      );
    },
  );
});

describe('decodeBase64', () => {
  test('decodes, ignoring line breaks', () => {
    expect(decodeBase64('JVBE\nRi0=').toString('latin1')).toBe('%PDF-');
  });
  test('refuses text that is not Base64, and an absent field', () => {
    expect(() => decodeBase64('%PDF', 'mandatePdf')).toThrow('mandatePdf is not Base64');
    expect(() => decodeBase64(undefined, 'mandatePdf')).toThrow('mandatePdf is absent');
  });
});
