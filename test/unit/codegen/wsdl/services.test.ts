// wsdl/services.ts: a service per WSDL document, named after its endpoint or file; a document with types
// only contributes its types.
import { serviceNameOf } from '../../../../codegen/wsdl/services';
import { B_XSD, modelOf } from '../model-given';

describe('services', () => {
  test.each([
    [
      'the endpoint path /services/v2/<name>',
      'wsdl/x.wsdl',
      'https://office-server.sips-services.com/services/v2/checkout',
      'checkout',
    ],
    ['a trailing slash', 'wsdl/x.wsdl', 'https://h/services/v2/walletService/', 'walletService'],
    [
      'another path: the file name, camel-cased',
      'corpus/my-stock_quote.wsdl',
      'http://localhost/StockQuote',
      'myStockQuote',
    ],
    ['no address', 'corpus/Weather.WSDL', undefined, 'weather'],
    ['a file name that starts with a digit', 'corpus/2fa.wsdl', undefined, '_2fa'],
  ])('service name from %s', (_label, source, location, want) => {
    expect(serviceNameOf(source, location)).toBe(want);
  });

  test('a document that is only a schema generates its types', () => {
    const model = modelOf({ 'types.xsd': B_XSD }, ['types.xsd']);
    expect(model.services).toEqual([]);
    expect(model.structs.map((s) => s.name)).toEqual(['Base']);
  });
});
