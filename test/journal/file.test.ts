// fileJournal (src/runtime/journal/file.ts, file-lock.ts): replay, a torn last write, a damaged middle line, the lock
// against a second writer (this process and another one) and a stale lock, group commit, compaction.
import { execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileJournal, JournalError, type JournalEntry } from '../../src/runtime';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'journal-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const entry = (id: string, createdAt = new Date().toISOString()): JournalEntry => ({
  id,
  operation: 'checkout.cardOrder',
  category: 'payment',
  merchantId: '002001000000001',
  transactionReference: `REF${id}`,
  amount: 1000,
  currencyCode: '978',
  request: { amount: '1000' },
  state: 'intent',
  createdAt,
  updatedAt: createdAt,
  attempts: 0,
});

test('ready() answers for /readyz: fine while open, a JournalError once closed', async () => {
  const journal = fileJournal(path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'journal-ready-')), 'j.journal'));
  expect(() => journal.ready!()).not.toThrow();
  await journal.recordIntent(entry('r1'));
  await journal.close();
  expect(() => journal.ready!()).toThrow(JournalError);
});

test('intent, sent and outcome are read back after reopening', async () => {
  const file = path.join(dir, 'j.jsonl');
  const journal = fileJournal(file);
  await journal.recordIntent(entry('a'));
  await journal.recordIntent(entry('b'));
  await journal.recordSent('a', '2026-01-01T00:00:00.000Z');
  await journal.update('a', {
    state: 'approved',
    at: '2026-01-01T00:00:01.000Z',
    outcome: { by: 'reply', code: '00' },
  });
  await journal.close();
  const again = fileJournal(file);
  expect(await again.get('a')).toMatchObject({
    state: 'approved',
    sentAt: '2026-01-01T00:00:00.000Z',
    outcome: { code: '00' },
  });
  expect(await again.get('b')).toMatchObject({ state: 'intent' });
  expect((await again.list({ open: true })).map((e) => e.id)).toEqual(['b']);
  await again.close();
});

test('a final state is never replaced by a non-final one', async () => {
  const journal = fileJournal(path.join(dir, 'j.jsonl'));
  await journal.recordIntent(entry('a'));
  await journal.update('a', { state: 'approved', at: new Date().toISOString() });
  await journal.update('a', { state: 'unknown', at: new Date().toISOString() });
  await journal.recordSent('a', new Date().toISOString());
  expect((await journal.get('a'))!.state).toBe('approved');
  await journal.close();
});

test('a torn last write is dropped on open, and the next line starts clean', async () => {
  const file = path.join(dir, 'j.jsonl');
  const journal = fileJournal(file);
  await journal.recordIntent(entry('a'));
  await journal.close();
  // What a crash in the middle of a write leaves: the start of a line, no newline.
  const whole = `${JSON.stringify({ op: 'intent', entry: entry('b') })}\n`;
  fs.appendFileSync(file, whole.slice(0, 40));
  const reopened = fileJournal(file);
  expect(reopened.tornLinesDropped).toBe(1);
  expect((await reopened.list()).map((e) => e.id)).toEqual(['a']);
  await reopened.recordIntent(entry('c'));
  await reopened.close();
  const lines = fs.readFileSync(file, 'utf8').split('\n').filter(Boolean);
  expect(lines.map((l) => (JSON.parse(l) as { entry: JournalEntry }).entry.id)).toEqual(['a', 'c']);
  const last = fileJournal(file);
  expect(last.tornLinesDropped).toBe(0);
  await last.close();
});

test('a damaged line before readable ones is refused as corrupt, naming the line', () => {
  const file = path.join(dir, 'j.jsonl');
  fs.writeFileSync(
    file,
    `${JSON.stringify({ op: 'intent', entry: entry('a') })}\n{"op":"int\n` +
      `${JSON.stringify({ op: 'intent', entry: entry('b') })}\n`,
  );
  expect(() => fileJournal(file)).toThrow(
    expect.objectContaining({ name: 'JournalError', reason: 'corrupt', message: expect.stringMatching(/line 2/) }),
  );
  // A refused open leaves no lock behind.
  expect(fs.existsSync(`${file}.lock`)).toBe(false);
});

test('the lock refuses a second writer in this process; readOnly lists without it', async () => {
  const file = path.join(dir, 'j.jsonl');
  const journal = fileJournal(file);
  await journal.recordIntent(entry('a'));
  expect(() => fileJournal(file)).toThrow(JournalError);
  expect(() => fileJournal(file)).toThrow(
    expect.objectContaining({
      reason: 'locked',
      message: expect.stringMatching(new RegExp(`in use by process ${process.pid}`)),
    }),
  );
  const reader = fileJournal(file, { readOnly: true });
  expect((await reader.list()).map((e) => e.id)).toEqual(['a']);
  await expect(reader.recordIntent(entry('b'))).rejects.toMatchObject({ reason: 'invalid' });
  await journal.close();
  expect(fs.existsSync(`${file}.lock`)).toBe(false);
  const next = fileJournal(file);
  await next.close();
});

const tsRun = path.resolve('scripts/ts-run.js');
const opener = path.resolve('test/journal/open-child.ts');

test('the lock refuses another process while this one holds it', async () => {
  const file = path.join(dir, 'j.jsonl');
  const journal = fileJournal(file);
  const out = execFileSync(process.execPath, [tsRun, opener, file, 'exit'], { encoding: 'utf8' });
  expect(JSON.parse(out)).toMatchObject({ error: 'JournalError', reason: 'locked' });
  await journal.close();
  expect(JSON.parse(execFileSync(process.execPath, [tsRun, opener, file, 'exit'], { encoding: 'utf8' }))).toEqual({
    opened: true,
  });
});

test('the lock of a process killed with SIGKILL is stale: the next process takes it over', async () => {
  const file = path.join(dir, 'j.jsonl');
  const child = spawn(process.execPath, [tsRun, opener, file, 'hold'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const line = await new Promise<string>((resolve) =>
    child.stdout.once('data', (data: Buffer) => resolve(data.toString())),
  );
  expect(JSON.parse(line)).toEqual({ opened: true });
  expect(() => fileJournal(file)).toThrow(expect.objectContaining({ reason: 'locked' }));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
  expect(JSON.parse(fs.readFileSync(`${file}.lock`, 'utf8'))).toMatchObject({ pid: child.pid });
  const journal = fileJournal(file);
  expect(JSON.parse(fs.readFileSync(`${file}.lock`, 'utf8'))).toMatchObject({ pid: process.pid });
  await journal.close();
});

test('processes that find the same stale lock at the same instant: exactly one takes it over', async () => {
  const file = path.join(dir, 'j.jsonl');
  // A lock left by a process that no longer exists (pid 2^22 + 1 is above Linux's pid_max default).
  fs.writeFileSync(
    `${file}.lock`,
    JSON.stringify({ pid: 4194305, host: os.hostname(), since: '2026-01-01T00:00:00.000Z' }),
  );
  const at = String(Date.now() + 4000);
  const children = Array.from({ length: 5 }, () =>
    spawn(process.execPath, [tsRun, opener, file, 'at', at], { stdio: ['ignore', 'pipe', 'inherit'] }),
  );
  // Each child's answer is its first line; the one that opened holds the journal until every child has answered (a
  // child that starts late on a loaded machine must still find it held), then all exit.
  const outputs = await Promise.all(
    children.map(
      (child) =>
        new Promise<string>((resolve) => {
          let out = '';
          child.stdout.on('data', (data: Buffer) => {
            out += data.toString();
            if (out.includes('\n')) resolve(out.slice(0, out.indexOf('\n')));
          });
          child.once('exit', () => resolve(out.trim()));
        }),
    ),
  );
  fs.writeFileSync(`${file}.done`, '');
  await Promise.all(
    children.map((child) =>
      child.exitCode !== null ? undefined : new Promise((resolve) => child.once('exit', resolve)),
    ),
  );
  const results = outputs.map((out) => JSON.parse(out) as { opened?: boolean; reason?: string });
  expect(results.filter((r) => r.opened).length).toBe(1);
  expect(results.filter((r) => !r.opened).map((r) => r.reason)).toEqual(['locked', 'locked', 'locked', 'locked']);
}, 120_000);

test('concurrent intents share writes and syncs (group commit), and each resolves only once written', async () => {
  const file = path.join(dir, 'j.jsonl');
  const journal = fileJournal(file);
  await Promise.all(Array.from({ length: 50 }, (_, i) => journal.recordIntent(entry(`e${i}`))));
  expect(journal.stats.records).toBe(50);
  expect(journal.stats.syncs).toBeLessThan(50);
  expect(journal.stats.syncs).toBeGreaterThanOrEqual(1);
  expect(fs.readFileSync(file, 'utf8').split('\n').filter(Boolean)).toHaveLength(50);
  await journal.close();
});

test('compaction keeps open and recent settled entries, one line each; drops settled ones past retention', async () => {
  const file = path.join(dir, 'j.jsonl');
  const journal = fileJournal(file, { retainSettledMs: 60_000 });
  const old = new Date(Date.now() - 3600_000).toISOString();
  await journal.recordIntent(entry('old', old));
  await journal.update('old', { state: 'refused', at: old });
  await journal.recordIntent(entry('recent'));
  await journal.update('recent', { state: 'approved', at: new Date().toISOString() });
  await journal.recordIntent(entry('open', old));
  await journal.recordSent('open', old);
  expect(fs.readFileSync(file, 'utf8').split('\n').filter(Boolean)).toHaveLength(6);
  await journal.compact();
  const lines = fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { entry: JournalEntry });
  expect(lines.map((l) => [l.entry.id, l.entry.state]).sort()).toEqual([
    ['open', 'sent'],
    ['recent', 'approved'],
  ]);
  await journal.recordIntent(entry('after'));
  await journal.close();
  const reopened = fileJournal(file);
  expect((await reopened.list()).map((e) => e.id).sort()).toEqual(['after', 'open', 'recent']);
  await reopened.close();
});

test('compaction runs by itself past compactAfterLines', async () => {
  const file = path.join(dir, 'j.jsonl');
  const journal = fileJournal(file, { compactAfterLines: 10 });
  for (let i = 0; i < 12; i++) {
    await journal.recordIntent(entry(`e${i}`));
    await journal.update(`e${i}`, { state: 'approved', at: new Date().toISOString() });
  }
  await journal.close();
  // 24 lines written; compaction rewrote them as one per entry, so fewer remain.
  expect(fs.readFileSync(file, 'utf8').split('\n').filter(Boolean).length).toBeLessThan(24);
  const reopened = fileJournal(file);
  expect(await reopened.list({ state: 'approved' })).toHaveLength(12);
  await reopened.close();
});
