import { decodeBase64, redirectionForm } from '../src';

describe('redirectionForm', () => {
  test('external supplier / mandate signing: posts redirectionData (and messageVersion)', () => {
    const form = redirectionForm({ redirectionUrl: 'https://acs.example/sign?x=1', redirectionData: 'a"b<c>', messageVersion: '1.0' });
    expect(form).toMatchObject({ action: 'https://acs.example/sign?x=1', method: 'POST', fields: { redirectionData: 'a"b<c>', messageVersion: '1.0' } });
    expect(form.html).toContain('<form method="POST" action="https://acs.example/sign?x=1">');
    expect(form.html).toContain('<input type="hidden" name="redirectionData" value="a&quot;b&lt;c&gt;">');
    expect(form.html).toContain('document.forms[0].submit()');
  });

  test('3-D Secure 1: PaReq, TermUrl and MD', () => {
    const form = redirectionForm({ redirectionUrl: 'https://acs.example/pareq', redirectionData: 'RD', paReqMessage: 'PAREQ' }, { termUrl: 'https://shop.example/3ds' });
    expect(form.fields).toEqual({ PaReq: 'PAREQ', TermUrl: 'https://shop.example/3ds', MD: 'RD' });
  });

  test.each([
    [{ redirectionData: 'x' }, /no redirectionUrl/],
    [{ redirectionUrl: 'javascript:alert(1)', redirectionData: 'x' }, /javascript/],
    [{ redirectionUrl: 'https://a', redirectionData: 'x', paReqMessage: 'p' }, /termUrl/],
  ])('refuses %j', (response, message) => {
    expect(() => redirectionForm(response)).toThrow(message);
  });
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
