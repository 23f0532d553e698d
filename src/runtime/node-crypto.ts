// node:crypto (it loads some thirty of Node's internal modules, streams included) on first use, not with the
// package: the first seal, reference, correlation id or pin check loads it.
import type * as Crypto from 'node:crypto';

let loaded: typeof Crypto | undefined;
/** node:crypto, loaded on the first call. */
export const nodeCrypto = (): typeof Crypto => (loaded ??= require('node:crypto') as typeof Crypto);
