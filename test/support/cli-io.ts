// Captured standard streams for CLI tests run through a fresh createProgram().
import type { ProgramIo } from '../../src/tools/cli/program';

export function captureIo(env: Record<string, string> = {}, stdin = ''): ProgramIo & { out: string; err: string } {
  const captured = { out: '', err: '' };
  return Object.assign(captured, {
    stdout: (t: string) => {
      captured.out += t;
    },
    stderr: (t: string) => {
      captured.err += t;
    },
    env,
    readStdin: () => stdin,
  });
}
