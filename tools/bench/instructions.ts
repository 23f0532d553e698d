// Instruction counts, the bench's steady yardstick for CPU work: callgrind counts the instructions a program runs,
// the same count for the same program and input whatever else the machine does (time does not: CPU time varies
// 20-50% between identical runs on a shared two-core VM). Node runs with --single-threaded --predictable so that no
// background thread or timing changes the work (V8's compiler and GC run on the main thread, and are counted).
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROOT, runChild } from './lib';

/** Why instructions cannot be counted here (valgrind missing), or undefined when they can. */
export function callgrindProblem(): string | undefined {
  const probe = spawnSync('valgrind', ['--version'], { encoding: 'utf8' });
  return probe.status === 0 ? undefined : 'valgrind is not installed (Debian package valgrind)';
}

/**
 * Runs `node --single-threaded --predictable scripts/ts-run.js script args` under callgrind and returns the
 * instructions of each counted window, by the names the script prints (a JSON array on its last stdout line): a
 * window starts at process.getuid() and ends at process.getgid(). Node itself calls getgid a few times at start and
 * exit; those dumps count next to nothing (under 1,000 instructions) and are left out.
 */
/** What callgrind counted in one window: all of it, and the part inside V8's garbage collections. */
export interface WindowCount {
  readonly instructions: number;
  /** Inclusive count of v8::internal::Heap::CollectGarbage (scavenges and full collections, from node's symbols). */
  readonly gc: number;
}

/** The inclusive instructions of V8's CollectGarbage in one callgrind dump (callgrind_annotate --inclusive=yes). */
function gcInstructions(file: string): number {
  const annotated = spawnSync('callgrind_annotate', ['--inclusive=yes', file], {
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });
  if (annotated.status !== 0) throw new Error(`callgrind_annotate ${file}: ${annotated.stderr}`);
  const line = /^\s*([\d,]+) \([^)]*\)\s+\S*v8::internal::Heap::CollectGarbage\(/m.exec(annotated.stdout);
  return line ? Number(line[1]!.replace(/,/g, '')) : 0;
}

export async function countWindows(
  script: string,
  args: readonly string[],
  dir: string,
): Promise<Map<string, WindowCount>> {
  const out = fs.mkdtempSync(path.join(dir, 'callgrind-'));
  const result = await runChild(
    'valgrind',
    [
      '--tool=callgrind',
      `--callgrind-out-file=${out}/cg.%p`,
      '--zero-before=getuid',
      '--dump-before=getgid',
      '--collect-systime=no',
      process.execPath,
      '--single-threaded',
      '--predictable',
      path.join(ROOT, 'scripts/ts-run.js'),
      script,
      ...args,
    ],
    { timeoutMs: 15 * 60_000 },
  );
  const names = JSON.parse(result.stdout.trim().split('\n').pop()!) as string[];
  const dumps = fs
    .readdirSync(out)
    .map((file) => ({ file: path.join(out, file), part: Number(/\.(\d+)$/.exec(file)?.[1] ?? Infinity) }))
    .sort((a, b) => a.part - b.part)
    .map(({ file }) => ({
      file,
      instructions: Number(/^totals: (\d+)$/m.exec(fs.readFileSync(file, 'utf8'))?.[1] ?? 0),
    }))
    .filter((dump) => dump.instructions >= 1000);
  // The last dump is the program's end (from the last window to exit): the windows come before it.
  if (dumps.length !== names.length + 1)
    throw new Error(`callgrind: ${dumps.length} counted dumps for ${names.length} windows (${names.join(', ')})`);
  const counts = new Map(
    names.map((name, i) => [name, { instructions: dumps[i]!.instructions, gc: gcInstructions(dumps[i]!.file) }]),
  );
  fs.rmSync(out, { recursive: true, force: true });
  return counts;
}
