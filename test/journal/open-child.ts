// Child process for test/journal/file.test.ts: opens a journal file, prints what happened as JSON, then exits
// (`exit`) or holds the journal open until killed (`hold`).
import { fileJournal } from '../../src';

const [file, mode] = process.argv.slice(2) as [string, string];
try {
  const journal = fileJournal(file);
  process.stdout.write(`${JSON.stringify({ opened: true })}\n`);
  if (mode === 'hold') setInterval(() => undefined, 1000);
  else void journal.close();
} catch (error) {
  process.stdout.write(`${JSON.stringify({ error: (error as Error).name, reason: (error as { reason?: string }).reason })}\n`);
}
