// emit/client.ts: the typed client interface and its factory, one line per method.
import type { ContractModel } from '../../../../codegen/ir';
import { emitted, MODEL } from './given';

describe('client.ts', () => {
  test('one method per operation, bound to invoke in one line', () => {
    const text = emitted('shop/client.ts');
    expect(text).toContain('  order(request: OrderRequest, options?: CallOptions): Promise<OrderResponse>;');
    expect(text).toContain('    order: (request, options) => invoke<OrderResponse>(orderOperation, request, options),');
  });

  test('long names: imports one per line, parameters one per line, the call on its own line', () => {
    const long = 'walletIssuerWalletInitializeWithAVeryLongName';
    const pascal = long.charAt(0).toUpperCase() + long.slice(1);
    const service = MODEL.services[0]!;
    const model: ContractModel = {
      ...MODEL,
      services: [
        {
          ...service,
          operations: [
            {
              ...service.operations[0]!,
              name: long,
              identifier: long,
              request: `${pascal}Request`,
              response: `${pascal}Response`,
            },
          ],
        },
      ],
      structs: MODEL.structs.map((s) =>
        s.name === 'OrderRequest'
          ? { ...s, name: `${pascal}Request` }
          : s.name === 'OrderResponse'
            ? { ...s, name: `${pascal}Response` }
            : s,
      ),
    };
    const text = emitted('shop/client.ts', model);
    expect(text).toContain(
      [
        `  ${long}(`,
        `    request: ${pascal}Request,`,
        '    options?: CallOptions,',
        `  ): Promise<${pascal}Response>;`,
      ].join('\n'),
    );
    expect(text).toContain(
      `    ${long}: (request, options) =>\n      invoke<${pascal}Response>(\n        ${long}` +
        `Operation,\n        request,\n        options,\n      ),`,
    );
    expect(text.split('\n').filter((l) => l.length > 120)).toEqual([]);
  });
});
