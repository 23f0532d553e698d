#!/usr/bin/env node
// The docs test: every fenced code block of the READMEs we ship, compiled (--strict, no skipLibCheck) in a CommonJS,
// an ESM nodenext and a bundler project against the installed packages, run against the simulator, its output
// compared with the README's. The block conventions are in test/README.md ("Docs that are tests").
'use strict';
const { spawnSync, spawn } = require('node:child_process');
const fs = require('node:fs');
const http = require('node:http');
const path = require('node:path');

const MARKER = /^<!--\s*doc-test:\s*(.*?)\s*-->\s*$/;
const FENCE = /^(`{3,})\s*([A-Za-z0-9_+-]*)\s*$/;
const TS = new Set(['ts', 'typescript']);
const JS = new Set(['js', 'javascript', 'cjs']);
const SHELL = new Set(['sh', 'bash', 'shell']);

/**
 * The blocks of one markdown file: { readme, line, lang, text, marker, output? }. A marker is the `<!-- doc-test: ...
 * -->` comment on the lines before the fence (blank lines allowed between); `output` is the text of the block that
 * follows a block under `<!-- doc-test: output -->`, which is the expected output of the block before it.
 */
function extract(readme) {
  const lines = fs.readFileSync(readme, 'utf8').split('\n');
  const blocks = [];
  let marker;
  let markerLine = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const found = MARKER.exec(line.trim());
    if (found) {
      marker = found[1];
      markerLine = i + 1;
      continue;
    }
    const fence = FENCE.exec(line);
    if (!fence) {
      if (line.trim() !== '') marker = undefined; // a marker belongs to the block right under it
      continue;
    }
    const body = [];
    let j = i + 1;
    while (j < lines.length && !(lines[j].startsWith(fence[1]) && lines[j].trim() === fence[1])) body.push(lines[j++]);
    if (j >= lines.length) throw new Error(`${readme}:${i + 1}: unclosed code block`);
    const block = { readme, line: i + 1, lang: fence[2].toLowerCase(), text: `${body.join('\n')}\n`, marker };
    if (marker === 'output') {
      const previous = blocks[blocks.length - 1];
      if (!previous || previous.output !== undefined)
        throw new Error(`${readme}:${markerLine}: an output block must follow the code block whose output it is`);
      previous.output = block.text;
    } else blocks.push(block);
    marker = undefined;
    i = j;
  }
  return blocks;
}

/**
 * What the docs test does with a block: 'skip' (with its reason), 'fragment' (compiled after a prelude from
 * test/docs/), 'compile' (compiled, not run: its reason given), 'ts' (compiled and run), 'js', 'shell', 'json'.
 */
function planOf(block) {
  const where = `${block.readme}:${block.line}`;
  const marker = block.marker;
  if (marker !== undefined) {
    const skip = /^skip\s*\((.+)\)$/.exec(marker);
    if (skip) return { kind: 'skip', reason: skip[1] };
    const fragment = /^fragment of ([a-z0-9-]+)(?:\s*\((.+)\))?$/.exec(marker);
    if (fragment) {
      if (!TS.has(block.lang)) throw new Error(`${where}: only TypeScript blocks can be fragments`);
      return { kind: 'fragment', prelude: fragment[1] };
    }
    const compile = /^compile only\s*\((.+)\)$/.exec(marker);
    if (compile && TS.has(block.lang)) return { kind: 'compile', reason: compile[1] };
    throw new Error(
      `${where}: unknown doc-test marker "${marker}` +
        `" (skip (reason), fragment of NAME, compile only (reason), output)`,
    );
  }
  if (TS.has(block.lang)) return { kind: 'ts' };
  if (JS.has(block.lang)) return { kind: 'js' };
  if (SHELL.has(block.lang)) return { kind: 'shell' };
  if (block.lang === 'json') return { kind: 'json' };
  throw new Error(
    `${where}: a \`${block.lang || 'plain'}` +
      `\` block needs a marker: <!-- doc-test: skip (why it cannot be run) -->`,
  );
}

/** Relative links of a README ([text](path), not http(s), mailto or #anchors) that name no file of the package. */
function brokenLinks(readme, packageDir) {
  const text = fs.readFileSync(readme, 'utf8').replace(/```[\s\S]*?```/g, '');
  const broken = [];
  for (const match of text.matchAll(/\]\(([^)\s]+)\)/g)) {
    const target = match[1].split('#')[0];
    if (target === '' || /^[a-z]+:/i.test(target)) continue;
    if (!fs.existsSync(path.join(packageDir, target))) broken.push(target);
  }
  return broken;
}

function run(command, args, options) {
  const result = spawnSync(command, args, { encoding: 'utf8', timeout: 120_000, ...options });
  return {
    status: result.status,
    stdout: result.stdout ?? '',
    stderr: `${result.stderr ?? ''}${result.error ? String(result.error) : ''}`,
  };
}

/** Starts `sogenactif simulate --port 0 --local-admin` from the installed tools; resolves with { url, stop }. */
function startSimulator(appDir) {
  const cli = path.join(appDir, 'node_modules/sogenactif-office-tools/dist/src/tools/cli/main.js');
  const child = spawn(process.execPath, [cli, 'simulate', '--port', '0', '--local-admin'], {
    cwd: appDir,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error('the simulator did not start within 20 s')), 20_000);
    child.stdout.on('data', (chunk) => {
      seen += chunk;
      const url = /listening on (http\S+)/.exec(seen)?.[1];
      if (url) {
        clearTimeout(timer);
        resolve({ url, stop: () => child.kill() });
      }
    });
    child.on('exit', (code) => reject(new Error(`the simulator exited (${code}) before listening`)));
  });
}

/**
 * POST /simulator/reset on a new connection each time (fetch would reuse a kept-alive one, which the simulator may
 * have closed while a block ran: the runs are synchronous). Resolves with the HTTP status.
 */
function resetSimulator(url) {
  return new Promise((resolve, reject) => {
    const request = http.request(`${url}/simulator/reset`, { method: 'POST', agent: false }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode));
    });
    request.on('error', (error) => reject(new Error(`the simulator at ${url} cannot be reset: ${error.message}`)));
    request.end();
  });
}

/** Compares printed output with the README's, line by line (trailing spaces ignored); '' when equal. */
function outputDiff(got, want) {
  const clean = (text) => text.replace(/[ \t]+$/gm, '').replace(/\n+$/, '');
  if (clean(got) === clean(want)) return '';
  return (
    `printed:\n${clean(got).replace(/^/gm, '    | ')}\n  the README shows:\n` +
    `${clean(want).replace(/^/gm, '    | ')}`
  );
}

/**
 * Usage: doc-test.js --app DIR --projects cjs,esm,bundler --preludes DIR [--package NAME=DIR ...] README.md...
 * The projects are folders of DIR (each with its tsconfig.json, src/ and outDir out/); blocks go to src/doc-<id>.ts.
 */
async function main(argv) {
  const options = { projects: [], readmes: [], packages: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--app') options.app = path.resolve(argv[++i]);
    else if (arg === '--projects') options.projects = argv[++i].split(',');
    else if (arg === '--preludes') options.preludes = path.resolve(argv[++i]);
    else if (arg === '--package') options.packages.push(argv[++i].split('='));
    else if (arg === '--tsc') options.tsc = path.resolve(argv[++i]);
    else options.readmes.push(path.resolve(arg));
  }
  const failures = [];
  const counts = { compiled: 0, ran: 0, compared: 0, skipped: 0, fragments: 0 };
  const blocks = options.readmes.flatMap((readme) =>
    extract(readme).map((block) => ({
      ...block,
      id: `${path.basename(path.dirname(readme))}-${path.basename(readme, '.md')}-${block.line}`.replace(
        /[^A-Za-z0-9-]/g,
        '_',
      ),
      plan: planOf(block),
    })),
  );
  const repository = path.resolve(__dirname, '..');
  const shown = (block) => `${path.relative(repository, block.readme)}:${block.line}`;
  for (const [readme, dir] of options.packages) {
    for (const target of brokenLinks(readme, dir))
      failures.push(`${readme}: the link ${target} names no file of the package (${dir})`);
  }
  for (const block of blocks) {
    if (block.plan.kind === 'skip') {
      counts.skipped += 1;
      console.log(`skip    ${shown(block)} (${block.plan.reason})`);
    }
    if (block.plan.kind === 'json') {
      try {
        JSON.parse(block.text);
      } catch (error) {
        failures.push(`${shown(block)}: not valid JSON (${error.message})`);
      }
    }
  }
  // Shell blocks first, in every project (they may write files the TypeScript blocks import, such as a generated
  // client), then one compilation per project, then the TypeScript and JavaScript blocks; each run starts from a
  // fresh simulator state.
  const typescript = blocks.filter((b) => ['ts', 'compile', 'fragment'].includes(b.plan.kind));
  const simulator = await startSimulator(options.app);
  const env = {
    ...process.env,
    SOGENACTIF_ENV: simulator.url,
    SOGENACTIF_MERCHANT_ID: '002001000000001',
    SOGENACTIF_SECRET_KEY: '002001000000001_KEY1',
    SOGENACTIF_KEY_VERSION: '1',
    PATH: `${path.join(options.app, 'node_modules/.bin')}${path.delimiter}${process.env.PATH}`,
  };
  const execute = async (block, project, file) => {
    const status = await resetSimulator(simulator.url);
    if (status !== 200) throw new Error(`the simulator at ${simulator.url} refused the reset: HTTP ${status}`);
    const cwd = path.join(options.app, project);
    const result =
      block.plan.kind === 'shell'
        ? run('bash', ['-euo', 'pipefail', '-c', block.text], { cwd, env })
        : block.plan.kind === 'js'
          ? run(process.execPath, ['--input-type=commonjs', '-e', block.text], { cwd, env })
          : run(process.execPath, [file], { cwd, env });
    counts.ran += 1;
    const where = `${shown(block)} (${project}, ${block.plan.kind})`;
    if (result.status !== 0) {
      failures.push(
        `${where}: exited ${result.status}:\n` +
          `${`${result.stdout}${result.stderr}`.trim().slice(-2000).replace(/^/gm, '    ')}`,
      );
      return;
    }
    if (block.output !== undefined) {
      counts.compared += 1;
      const diff = outputDiff(result.stdout, block.output);
      if (diff) failures.push(`${where}: ${diff}`);
    }
  };
  try {
    for (const project of options.projects)
      for (const block of blocks.filter((b) => b.plan.kind === 'shell')) await execute(block, project);
    // Compile: one program per project, every TypeScript block a module of it (`export {}` appended).
    for (const project of options.projects) {
      const dir = path.join(options.app, project);
      // Beside the merchant's own files in src/ (where `./sogenactif` is the generated client), as doc-<id>.ts.
      const src = path.join(dir, 'src');
      for (const file of fs.readdirSync(src).filter((f) => f.startsWith('doc-'))) fs.rmSync(path.join(src, file));
      for (const block of typescript) {
        const prelude =
          block.plan.kind === 'fragment'
            ? fs.readFileSync(path.join(options.preludes, `${block.plan.prelude}.ts`), 'utf8')
            : '';
        fs.writeFileSync(path.join(src, `doc-${block.id}.ts`), `${prelude}${block.text}export {};\n`);
      }
      const compiled = run(process.execPath, [options.tsc, '-p', 'tsconfig.json'], { cwd: dir });
      if (compiled.status !== 0)
        failures.push(
          `${project}: tsc --strict (no skipLibCheck) failed:\n` +
            `${`${compiled.stdout}${compiled.stderr}`.trim().replace(/^/gm, '    ')}`,
        );
      else counts.compiled += typescript.length;
    }
    for (const block of blocks.filter((b) => b.plan.kind === 'js')) await execute(block, options.projects[0]);
    for (const block of blocks.filter((b) => b.plan.kind === 'ts')) {
      // The bundler project is compiled only: its output is for a bundler, not for node.
      for (const project of options.projects.filter((p) => p !== 'bundler'))
        await execute(block, project, path.join(options.app, project, 'out', `doc-${block.id}.js`));
    }
  } finally {
    simulator.stop();
  }
  counts.fragments = blocks.filter((b) => b.plan.kind === 'fragment').length;
  console.log(
    `doc-test: ${blocks.length} blocks in ${options.readmes.length} READMEs; ${typescript.length}` +
      ` TypeScript blocks compiled in ${options.projects.join(', ')} (${counts.fragments}` +
      ` fragments after a prelude); ${counts.ran} runs, ${counts.compared} outputs compared; ${counts.skipped}` +
      ` skipped`,
  );
  if (failures.length > 0) {
    console.error(`doc-test: ${failures.length} failure(s):\n${failures.map((f) => `- ${f}`).join('\n')}`);
    return 1;
  }
  return 0;
}

module.exports = { extract, planOf, brokenLinks, outputDiff };

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error) => {
      console.error(`doc-test: ${error.message}`);
      process.exitCode = 2;
    },
  );
}
