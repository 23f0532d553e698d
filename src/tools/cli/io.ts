// What the CLI reads and writes through: standard streams and environment (ProgramIo, replaced in tests), and the
// JSON request files of `seal` and `call` (a file or standard input), read without ever quoting their text.
import * as fs from 'node:fs';
import { UsageError } from './failures';

export interface ProgramIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Reads standard input (for `--data -`). */
  readonly readStdin: () => string;
}

/** The process's own streams and environment. */
export const defaultIo: ProgramIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
  readStdin: () => fs.readFileSync(0, 'utf8'),
};

/** The JSON object in `source` (a file, or '-' for standard input); anything else is a usage error. */
export function readJson(source: string, io: ProgramIo): Record<string, unknown> {
  let text: string;
  try {
    text = source === '-' ? io.readStdin() : fs.readFileSync(source, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${source}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    // JSON.parse quotes the text around the error: it may be a card number or a CSC, so only the position is shown.
    const position = /position (\d+)/.exec((error as Error).message)?.[1];
    throw new UsageError(`${source} is not valid JSON${position ? ` (at character ${position})` : ''}`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    throw new UsageError(`${source} must hold a JSON object`);
  return value as Record<string, unknown>;
}
