'use strict';
// The values of generated/ (descriptors, enums, client factories), each folder loaded on first read: see lazy.ts.
// Their types are in generated-exports.d.ts. A plain CommonJS module because TypeScript cannot declare
// `export *` types for values that are defined at run time; scripts/build.js copies both files into dist/.
Object.defineProperty(exports, '__esModule', { value: true });
require('./lazy').defineGeneratedExports(exports);
