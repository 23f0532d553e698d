// emit/manifest.ts: the values each folder exports and each service's client factory, from the model.
import { emitted } from './given';

test("manifest.ts lists each folder's values, sorted, packed on lines when they do not fit one", () => {
  const text = emitted('manifest.ts');
  expect(text).toContain(
    "  '.': ['createServiceClients', 'services'],\n  common: ['Size', 'commonEnums', 'commonStructs'],\n  shop: " +
      "[\n    'ResponseCode', 'createShopClient',",
  );
  expect(text).toContain("export const serviceClientFactories = {\n  shop: 'createShopClient',\n} as const;");
});
