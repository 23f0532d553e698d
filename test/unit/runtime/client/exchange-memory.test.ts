// The client's memory of recent seals (src/runtime/client/exchange-memory.ts): RecentSet forgets its least recently
// used entry beyond its limit, held to a plain list model over random adds, re-adds and lookups.
import { RecentSet } from '../../../../src/runtime/client/exchange-memory';
import { mulberry32 } from '../../../support/random';

test.each([1, 2, 5, 64])('an LRU of %i entries, as a list model says, over 20,000 random operations', (limit) => {
  const next = mulberry32(limit);
  const set = new RecentSet(limit);
  const model: string[] = []; // least recently used first
  for (let i = 0; i < 20_000; i++) {
    // Keys from a pool a little larger than the limit: many re-adds, many evictions.
    const key = `k${Math.floor(next() * (limit * 3 + 2))}`;
    if (next() < 0.3) {
      expect(set.has(key)).toBe(model.includes(key));
      continue;
    }
    set.add(key);
    const at = model.indexOf(key);
    if (at >= 0) model.splice(at, 1);
    model.push(key);
    if (model.length > limit) model.shift();
    expect(set.size).toBe(model.length);
  }
  for (let k = 0; k < limit * 3 + 2; k++) expect(set.has(`k${k}`)).toBe(model.includes(`k${k}`));
});
