// wsdl/services.ts: a service per WSDL document, named after its endpoint or file; a document with types
// only contributes its types.
import { B_XSD, modelOf } from '../model-given';

describe('services', () => {
  test('a document that is only a schema generates its types', () => {
    const model = modelOf({ 'types.xsd': B_XSD }, ['types.xsd']);
    expect(model.services).toEqual([]);
    expect(model.structs.map((s) => s.name)).toEqual(['Base']);
  });
});
