// emit/operations.ts: the schema an operation reads, the shared defaults, one descriptor per operation.
import { emitted } from './given';

describe('operations.ts', () => {
  const text = emitted('shop/operations.ts');

  test('the schema spreads the tables of every module the operations reach', () => {
    expect(text).toContain(
      [
        'export const shopSchema: SchemaTables = {',
        '  structs: { ...commonStructs, ...shopStructs },',
        '  enums: { ...commonEnums, ...shopEnums },',
        '};',
      ].join('\n'),
    );
  });

  test('an operation names only what differs from the defaults', () => {
    expect(text).toContain(
      [
        'export const statusOperation: OperationDescriptor = {',
        '  ...defaults,',
        "  name: 'status',",
        "  soapAction: 'urn:status',",
        "  requestElement: 'status',",
        "  responseElement: 'statusResponse',",
        "  request: 'StatusRequest',",
        "  response: 'StatusResponse',",
        "  category: 'read',",
        '};',
      ].join('\n'),
    );
  });

  test('@contract once on the service, and on an operation only where it differs', () => {
    expect(text.match(/@contract/g)).toHaveLength(2);
    expect(text).toContain(
      '/**\n * @recommendedInterfaceVersion SH_WS_2.0\n * @contract inferred\n */\nexport const refundOperation',
    );
    expect(text).toContain('/** @recommendedInterfaceVersion SH_WS_2.0 */\nexport const statusOperation');
    expect(text).toContain('/**\n * The shop.\n * @contract documented\n */\nexport const shopService');
  });
});
