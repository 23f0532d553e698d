// The package entry loads each service's generated modules on first use, and still exports all of generated/.
import * as generated from '../../../generated';
import * as entry from '../../../src/runtime';
import { generatedExports, serviceClientFactories } from '../../../generated/manifest';

describe('lazy generated exports', () => {
  test('the manifest lists every value of generated/, and the entry exports each of them unchanged', () => {
    const listed = Object.values(generatedExports).flat().sort();
    expect(listed).toEqual(Object.keys(generated).sort());
    for (const name of listed)
      expect((entry as Record<string, unknown>)[name]).toBe((generated as Record<string, unknown>)[name]);
  });

  test('a client builds each service client on first access, once', () => {
    const client = entry.createClient({
      merchantId: '002001000000001',
      secretKey: 'k',
      keyVersion: 1,
      environment: 'TEST',
    });
    expect(Object.keys(client)).toEqual(expect.arrayContaining(Object.keys(serviceClientFactories)));
    expect(typeof client.checkout.cardOrder).toBe('function');
    expect(client.checkout).toBe(client.checkout);
    expect(Object.keys(client.mandate).sort()).toEqual(Object.keys(generated.mandateService.operations).sort());
  });
});
