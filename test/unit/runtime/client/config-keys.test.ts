// Configuration keys (src/runtime/client/config.ts): interfaceVersions and serviceWires are typed by service name (a
// typo does not compile: each @ts-expect-error below must flag one under `make typecheck`), and at run time an unknown
// service or setting is refused naming the key, with the nearest known name.
import { createClient, InvalidRequestError, type ClientConfig } from '../../../../src/runtime';
import { didYouMean, editDistance } from '../../../../src/runtime/did-you-mean';
import { SERVICE_NAMES } from '../../../../src/runtime/client/config';

const base = { merchantId: '002001000000001', secretKey: 'k', keyVersion: 1, environment: 'TEST' } as const;

export function misuse(): ClientConfig[] {
  return [
    // prettier-ignore
    // @ts-expect-error checkuot is not a service
    { ...base, interfaceVersions: { checkuot: 'IR_WS_2.60' } },
    // prettier-ignore
    // @ts-expect-error mandates is not a service (mandate is)
    { ...base, serviceWires: { mandates: 'json' } },
    // prettier-ignore
    // @ts-expect-error the wire is soap or json
    { ...base, serviceWires: { mandate: 'rest' } },
    // prettier-ignore
    // @ts-expect-error the wire is soap or json
    { ...base, wire: 'rest' },
    // prettier-ignore
    // @ts-expect-error the old name is typed alike
    { ...base, serviceTransports: { mandates: 'json' } },
    // Service names compile, and so do the old names (deprecated aliases).
    {
      ...base,
      interfaceVersions: { checkout: 'IR_WS_2.60', cashManagement: 'CR_WS_2.58' },
      serviceWires: { mandate: 'json' },
    },
    { ...base, transport: 'json', serviceTransports: { mandate: 'json' } },
  ];
}

/** The issues createClient refuses a configuration with. */
function refused(config: unknown): { field: string; problem: string }[] {
  try {
    createClient(config as ClientConfig).close();
  } catch (error) {
    if (error instanceof InvalidRequestError) return error.fields.map((f) => ({ field: f.field, problem: f.problem }));
    throw error;
  }
  return [];
}

test.each([
  [
    'interfaceVersions',
    { interfaceVersions: { checkuot: 'IR_WS_2.60' } },
    'interfaceVersions.checkuot',
    'names no service: did you mean checkout?',
  ],
  [
    'serviceWires',
    { serviceWires: { mandates: 'json' } },
    'serviceWires.mandates',
    'names no service: did you mean mandate?',
  ],
  [
    'serviceTransports (the old name)',
    { serviceTransports: { mandates: 'json' } },
    'serviceTransports.mandates',
    'names no service: did you mean mandate?',
  ],
  [
    'a far-off service name',
    { serviceWires: { payments: 'json' } },
    'serviceWires.payments',
    'names no service (services: ',
  ],
  [
    'a top-level setting',
    { timeOutMs: 5000 },
    'timeOutMs',
    'is not a configuration setting: did you mean timeoutMs?; it would be ignored',
  ],
  [
    'another setting',
    { confirmWrite: true },
    'confirmWrite',
    'is not a configuration setting: did you mean confirmWrites?',
  ],
])('an unknown key in %s is refused, named, with the nearest name', (_name, extra, field, problem) => {
  const issues = refused({ ...base, ...extra });
  expect(issues).toEqual([{ field, problem: expect.stringContaining(problem) }]);
});

test('known keys pass, and the service list is the contract’s', () => {
  expect(
    refused({
      ...base,
      interfaceVersions: { checkout: 'IR_WS_2.60' },
      serviceWires: { mandate: 'json' },
      timeoutMs: 5000,
    }),
  ).toEqual([]);
  expect([...SERVICE_NAMES].sort()).toEqual([
    'authentication',
    'cashManagement',
    'checkout',
    'diagnostic',
    'fraud',
    'mandate',
    'paymentMeanInfo',
    'token',
    'wallet',
  ]);
});

test.each([
  ['checkuot', ['checkout', 'cashManagement'], 'checkout'],
  ['CASHMANAGEMENT', ['checkout', 'cashManagement'], 'cashManagement'],
  ['xyz', ['checkout', 'mandate'], undefined],
])('didYouMean(%p) is %p', (name, known, want) => {
  expect(didYouMean(name, known)).toBe(want);
});

test('editDistance', () => {
  expect([editDistance('kitten', 'sitting'), editDistance('', 'abc'), editDistance('same', 'SAME')]).toEqual([3, 3, 0]);
});
