// esm-import: the merchant's own ES module. The child imports it before timing the runtime's ESM entry, so Node's
// first file import (its file-URL resolver and loaders, paid once by any ESM program) is outside the figure.
export const importer = true;
