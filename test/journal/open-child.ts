// Child process for test/journal/file.test.ts: opens a journal file, prints what happened as JSON, then exits
// (`exit`) or holds the journal open until killed (`hold`); `at MS` first waits until that epoch time, so several
// children open at the same instant, and then holds it until `<file>.done` exists (every child has answered).
import * as fs from 'node:fs';
import { fileJournal } from '../../src/runtime';

const [file, mode, at] = process.argv.slice(2) as [string, string, string | undefined];
if (mode === 'at') while (Date.now() < Number(at)) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1);
try {
  const journal = fileJournal(file);
  process.stdout.write(`${JSON.stringify({ opened: true })}\n`);
  if (mode === 'hold') setInterval(() => undefined, 1000);
  else if (mode === 'at') {
    const poll = setInterval(() => {
      if (!fs.existsSync(`${file}.done`)) return;
      clearInterval(poll);
      void journal.close();
    }, 20);
  } else void journal.close();
} catch (error) {
  process.stdout.write(
    `${JSON.stringify({ error: (error as Error).name, reason: (error as { reason?: string }).reason })}\n`,
  );
}
