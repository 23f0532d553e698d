// emit/schema.ts: a module's wire layout: the shared `base`, one line per field, value lists as one row per value.
import { emitted, f, MODEL, RESPONSE_CODE } from './given';

describe('schema.ts', () => {
  test('each value of a list is one row [value, meaning, outcome], in the contract order', () => {
    expect(emitted('shop/schema.ts')).toContain(
      "  ResponseCode: { codes: [['00', 'Accepted', 'success'], ['05', 'Refused', 'declined'], ['99', null, " +
        "'unavailable']] },",
    );
  });

  test('an open list says so; a value without a meaning is its value alone', () => {
    expect(emitted('common/schema.ts')).toContain("  Size: { open: true, codes: [['S', 'Small'], ['L']] },");
  });

  test('a long list gets a row per line, a long meaning cut into parts that join back to it', () => {
    const meaning =
      'Function not supported: the operation that you wish to perform is not part of the operation type for ' +
      'which you are authorised';
    const values = [...RESPONSE_CODE.values, { value: '40', meaning, outcome: 'invalid' as const }];
    const text = emitted('shop/schema.ts', { ...MODEL, enums: [{ ...RESPONSE_CODE, values }, MODEL.enums[1]!] });
    expect(text).toContain(
      [
        '  ResponseCode: { codes: [',
        "    ['00', 'Accepted', 'success'],",
        "    ['05', 'Refused', 'declined'],",
        "    ['99', null, 'unavailable'],",
        "    ['40', 'Function not supported: the operation that you wish to perform is not part of the ' +",
        "      'operation type for which you are authorised', 'invalid'],",
        '  ] },',
      ].join('\n'),
    );
  });

  test('structs spread the module base and name only what differs; one field a line', () => {
    expect(emitted('shop/schema.ts')).toContain(
      [
        "const base = { ns: 'urn:shop', since: '2.0' } as const;",
        '',
        '/** Wire layout of the shop types. */',
        'export const shopStructs: Readonly<Record<string, StructDescriptor>> = {',
        '  OrderRequest: { ...base, fields: [',
        "    { name: 'amount', type: 'integer', required: true },",
        "    { name: 'interfaceVersion', type: 'string', required: true },",
        "    { name: 'item', type: { struct: 'Item' }, since: '2.5' },",
      ].join('\n'),
    );
  });

  test('a field too long for a line is packed on as few lines as fit', () => {
    const facets = {
      pattern: '[0-9]{6}',
      format: 'the expiry month as YYYYMM (6 digits), as printed on the card',
      example: '203012 for December 2030',
    };
    const request = MODEL.structs.find((s) => s.name === 'RefundRequest')!;
    const model = {
      ...MODEL,
      structs: MODEL.structs.map((s) =>
        s === request
          ? { ...s, fields: [f('expiry', { kind: 'primitive', primitive: 'string' }, { required: true, facets })] }
          : s,
      ),
    };
    expect(emitted('shop/schema.ts', model)).toContain(
      [
        "    { name: 'expiry', type: 'string', required: true,",
        "      facets: { pattern: '[0-9]{6}', format: 'the expiry month as YYYYMM (6 digits), as printed on the card',",
        "        example: '203012 for December 2030' } },",
      ].join('\n'),
    );
  });
});
