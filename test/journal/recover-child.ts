// A recovering process for test/journal/postgres.test.ts: opens the PostgreSQL journal, prints "ready", waits for
// "go" on stdin (so two such processes start recovering at the same moment), runs client.recover() three entries
// at a time, holding each claimed batch 50 ms before looking it up (so the other process claims meanwhile), and prints
// the report as JSON. Usage: recover-child.ts SIMULATOR_URL POSTGRES_URL GRACE_MS
import { Pool } from 'pg';
import { createClient, postgresJournal, type PaymentJournal } from '../../src/runtime';

const [url, postgres, grace] = process.argv.slice(2) as [string, string, string];
const pool = new Pool({ connectionString: postgres, max: 4 });
const inner = postgresJournal(pool);
const journal: PaymentJournal = {
  ...inner,
  claimDue: async (options) => {
    const claimed = await inner.claimDue(options);
    await new Promise((resolve) => setTimeout(resolve, 50));
    return claimed;
  },
};
const client = createClient({
  merchantId: '002001000000001',
  secretKey: '002001000000001_KEY1',
  keyVersion: 1,
  environment: url,
  journal,
});
process.stdout.write('ready\n');
process.stdin.once('data', () => {
  client
    .recover({ graceMs: Number(grace), batchSize: 3 })
    .then((report) => process.stdout.write(`${JSON.stringify(report)}\n`))
    .finally(() => {
      client.close();
      void pool.end();
    });
});
