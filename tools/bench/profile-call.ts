// Profiling aid (not part of make bench): runs ours' cardOrder + getTransactionData with canned replies in a
// loop, for node --cpu-prof. Usage: node --cpu-prof scripts/ts-run.js tools/bench/profile-call.ts [seconds]
import { oursCalls } from './call-stages';
import { captureFixtures } from './fixtures';

void (async () => {
  const fixtures = await captureFixtures();
  const { calls, close } = await oursCalls(fixtures, 20_000);
  const until = performance.now() + Number(process.argv[2] ?? 5) * 1000;
  let n = 0;
  while (performance.now() < until) {
    for (let i = 0; i < 1000; i++) {
      await calls.cardOrder!();
      await calls.getTransactionData!();
    }
    n += 1000;
  }
  close();
  process.stderr.write(`${n} pairs\n`);
})();
