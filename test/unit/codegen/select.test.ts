// codegen/select.ts (generate --services/--operations) and the dictionary's format/example carried into facets.
import { loadModel } from '../../../codegen';
import { selectContract, UnknownSelectionError, listOption } from '../../../codegen/select';

const model = loadModel(['wsdl']);

test('services and operations kept, with only the structs and enums they reach', () => {
  const selected = selectContract(model, {
    services: ['checkout', 'cashManagement'],
    operations: ['cardOrder', 'cashManagement.cancel'],
  });
  expect(selected.services.map((s) => [s.name, s.operations.map((o) => o.name)])).toEqual([
    ['cashManagement', ['cancel']],
    ['checkout', ['cardOrder']],
  ]);
  const structs = new Set(selected.structs.map((s) => s.name));
  expect(structs.has('CardOrderRequest')).toBe(true);
  expect(structs.has('WalletOrderRequest')).toBe(false);
  expect(selected.structs.length).toBeLessThan(model.structs.length);
  expect(selected.enums.map((e) => e.name)).toContain('OrderChannel');
  expect(selected.decisions?.map((d) => d.service)).toEqual(['cashManagement', 'checkout']);
});

test('no selection is the whole model; a bare operation name matches in every service', () => {
  expect(selectContract(model, {})).toBe(model);
  expect(selectContract(model, { operations: ['getTransactionData'] }).services.map((s) => s.name)).toEqual([
    'diagnostic',
  ]);
});

test.each([
  [{ services: ['chekout'] }, 'unknown service chekout'],
  [{ operations: ['checkout.nothing', 'cardOrdr'] }, 'unknown operations checkout.nothing, cardOrdr'],
])('%j is refused', (selection, message) => {
  expect(() => selectContract(model, selection)).toThrow(UnknownSelectionError);
  expect(() => selectContract(model, selection)).toThrow(message);
});

test('list options split on commas', () => expect(listOption(['a,b', ' c ', ''])).toEqual(['a', 'b', 'c']));

test("the dictionary's format and example go into the facets of the fields that have facets, and nowhere else", () => {
  const fields = model.structs.flatMap((s) => s.fields.map((f) => ({ struct: s.name, ...f })));
  const currency = fields.find((f) => f.struct === 'CardOrderRequest' && f.name === 'currencyCode');
  expect(currency?.facets).toEqual({
    pattern: '[0-9]{3}',
    format: 'the ISO 4217 numeric code (3 digits, leading zeros kept)',
    example: '978 for EUR',
  });
  expect(
    fields.filter(
      (f) =>
        f.facets?.format !== undefined &&
        f.facets.pattern === undefined &&
        f.facets.maxLength === undefined &&
        f.facets.minLength === undefined,
    ),
  ).toEqual([]);
});
