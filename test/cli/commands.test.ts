// The CLI's shape: one file per command under src/tools/cli/commands/, each mapping flags to library options and
// nothing more; the help of every command (sub-commands included) is a golden, so moving code between files cannot
// change a flag, a default or a line of help unnoticed.
import type { Command } from 'commander';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createProgram, run } from '../../src/tools/cli/program';
import { captureIo } from '../support/cli-io';
import { expectGolden } from '../support/golden';

const COMMANDS_DIR = path.join(__dirname, '..', '..', 'src', 'tools', 'cli', 'commands');

/** Every command of the program, depth first, with its full name ("journal list"). */
function allCommands(command: Command, prefix: string[] = []): { name: string[]; command: Command }[] {
  return command.commands.flatMap((sub) => [
    { name: [...prefix, sub.name()], command: sub },
    ...allCommands(sub, [...prefix, sub.name()]),
  ]);
}

/** Fixes the help width on every command (commander otherwise reads the terminal's). */
function fixedWidth(command: Command): void {
  command.configureHelp({ ...command.configureHelp(), helpWidth: 120 });
  for (const sub of command.commands) fixedWidth(sub);
}

/** `sogenactif [command...] --help` as printed, through a fresh program. */
async function helpOf(name: readonly string[]): Promise<string> {
  const io = captureIo();
  const program = createProgram(io);
  fixedWidth(program);
  await program.parseAsync([...name, '--help'], { from: 'user' }).catch((error: { code?: string }) => {
    if (error.code !== 'commander.helpDisplayed' && error.code !== 'commander.help') throw error;
  });
  expect(io.err).toBe('');
  return io.out;
}

test('the help of the program and of every command is unchanged (test/golden/cli/help.txt)', async () => {
  const names = [[], ...allCommands(createProgram(captureIo())).map((c) => c.name)];
  const sections: string[] = [];
  for (const name of names) sections.push(`$ sogenactif ${[...name, '--help'].join(' ')}\n${await helpOf(name)}`);
  expectGolden('cli/help.txt', sections.join('\n'));
});

test('each top-level command is declared by its own file in cli/commands/, named after it', () => {
  const declared = createProgram(captureIo())
    .commands.map((c) => c.name())
    .sort();
  const files = fs
    .readdirSync(COMMANDS_DIR)
    .filter((f) => f.endsWith('.ts'))
    .map((f) => f.replace(/\.ts$/, ''))
    .sort();
  expect(files).toEqual(declared);
  for (const file of files) {
    const text = fs.readFileSync(path.join(COMMANDS_DIR, `${file}.ts`), 'utf8');
    // One command each: the file adds its own command (journal's sub-commands hang under it).
    expect({ file, commands: [...text.matchAll(/\bprogram\s*\.command\('([^' ]+)/g)].map((m) => m[1]) }).toEqual({
      file,
      commands: [file],
    });
  }
});

test('command files map flags to library options: no file system, no matching of error messages, short', () => {
  for (const file of fs.readdirSync(COMMANDS_DIR)) {
    const text = fs.readFileSync(path.join(COMMANDS_DIR, file), 'utf8');
    // Reading files (the request JSON, a merchant file, a dictionary folder) is in the CLI's helpers or the library.
    expect({ file, nodeImports: text.match(/from 'node:[a-z_]+'/g) ?? [] }).toEqual({ file, nodeImports: [] });
    // An error is told by its class, never by its message text.
    expect({ file, messageTests: text.match(/\.test\((?:error|message|\(error)/g) ?? [] }).toEqual({
      file,
      messageTests: [],
    });
    // Short: options and one library call (journal's four sub-commands are the longest).
    expect({ file, short: text.split('\n').length < 160 }).toEqual({ file, short: true });
  }
});

test("the Makefile's generate command is the CLI's, and with --check it finds generated/ up to date", async () => {
  const makefile = fs.readFileSync(path.join(__dirname, '..', '..', 'Makefile'), 'utf8');
  const command = /^GENERATE := \$\(RUN\) src\/tools\/cli\/main\.ts (.+)$/m.exec(makefile)?.[1];
  expect(command).toMatch(/^generate /);
  expect(makefile).toMatch(/^check-generated:.*\n\t\$\(GENERATE\) --check/m);
  expect(fs.existsSync(path.join(__dirname, '..', '..', 'codegen', 'main.ts'))).toBe(false);
  const io = captureIo();
  const code = await run([...command!.split(' '), '--check'], io);
  expect({ code, err: io.err, summary: io.out.split('\n').find((line) => line.startsWith('generated/:')) }).toEqual({
    code: 0,
    err: '',
    summary: expect.stringMatching(/^generated\/: 0 stale, 0 extra, \d+ unchanged$/),
  });
});
