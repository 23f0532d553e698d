// Given-side of the emitter unit tests: a small hand-written IR (one service, two operations, a shared module) and
// the emitted text of one of its files.
import { emitContract } from '../../../../codegen/emit';
import type { ContractModel, EnumModel, FieldModel, OperationModel, StructModel } from '../../../../codegen/ir';

const NS = 'urn:shop';

export const f = (name: string, type: FieldModel['type'], extra: Partial<FieldModel> = {}): FieldModel => ({
  kind: 'field',
  name,
  element: name,
  namespace: NS,
  type,
  required: false,
  since: '2.0',
  ...extra,
});

const op = (name: string, extra: Partial<OperationModel> = {}): OperationModel => ({
  kind: 'operation',
  name,
  identifier: name,
  soapAction: `urn:${name}`,
  soapVersion: '1.1',
  requestElement: { namespace: NS, local: name },
  responseElement: { namespace: NS, local: `${name}Response` },
  request: `${name.charAt(0).toUpperCase()}${name.slice(1)}Request`,
  response: `${name.charAt(0).toUpperCase()}${name.slice(1)}Response`,
  recommendedInterfaceVersion: 'SH_WS_2.0',
  category: 'payment',
  codeField: 'responseCode',
  status: 'documented',
  ...extra,
});

const s = (name: string, fields: FieldModel[], module = 'shop'): StructModel => ({
  kind: 'struct',
  name,
  module,
  xsdName: name,
  fields,
});

export const RESPONSE_CODE: EnumModel = {
  kind: 'enum',
  name: 'ResponseCode',
  module: 'shop',
  xsdName: 'ResponseCode',
  description: 'The answer.',
  values: [
    { value: '00', meaning: 'Accepted', outcome: 'success' },
    { value: '05', meaning: 'Refused', outcome: 'declined' },
    { value: '99', outcome: 'unavailable' },
  ],
};

export const SIZE: EnumModel = {
  kind: 'enum',
  name: 'Size',
  module: 'common',
  xsdName: 'Size',
  values: [{ value: 'S', meaning: 'Small' }, { value: 'L' }],
  open: true,
};

const response = (name: string): StructModel =>
  s(name, [f('responseCode', { kind: 'enum', name: 'ResponseCode' }, { required: true })]);

export const MODEL: ContractModel = {
  kind: 'contract',
  services: [
    {
      kind: 'service',
      name: 'shop',
      source: 'wsdl/shop.wsdl',
      namespace: NS,
      soapVersion: '1.1',
      description: 'The shop.',
      operations: [
        op('order', { description: 'Orders.' }),
        op('refund', { status: 'inferred', category: 'cash' }),
        op('status', { status: 'documented', category: 'read' }),
      ],
    },
  ],
  structs: [
    s('Item', [f('size', { kind: 'enum', name: 'Size' })], 'common'),
    s('OrderRequest', [
      f('amount', { kind: 'primitive', primitive: 'integer' }, { required: true, description: 'In cents.' }),
      f('interfaceVersion', { kind: 'primitive', primitive: 'string' }, { required: true }),
      f('item', { kind: 'struct', name: 'Item' }, { since: '2.5' }),
      f('merchantId', { kind: 'primitive', primitive: 'string' }, { required: true }),
    ]),
    response('OrderResponse'),
    s('RefundRequest', [f('amount', { kind: 'primitive', primitive: 'integer' }, { required: true })]),
    response('RefundResponse'),
    s('StatusRequest', [f('reference', { kind: 'primitive', primitive: 'string' })]),
    response('StatusResponse'),
  ],
  enums: [RESPONSE_CODE, SIZE],
  sources: { common: 'wsdl/common.xsd', shop: 'wsdl/shop.wsdl' },
};

/** The text of one emitted file of `model`. */
export function emitted(path: string, model: ContractModel = MODEL): string {
  const file = emitContract(model, { runtimeImport: 'sogenactif-office' }).find((x) => x.path === path);
  if (!file) throw new Error(`no ${path} emitted`);
  return file.text;
}

/** Lines of every emitted file longer than `max` characters. */
export function longLines(model: ContractModel, max = 120): string[] {
  return emitContract(model, { runtimeImport: 'sogenactif-office' }).flatMap((x) =>
    x.text
      .split('\n')
      .filter((l) => l.length > max)
      .map((l) => `${x.path}: ${l}`),
  );
}
