// The node-soap corpus as the conformance run sees it: every *.wsdl file, and the request/response
// samples (one folder per case: soap.wsdl, request.json, response.xml, response.json, options).
import * as fs from 'node:fs';
import * as path from 'node:path';

/** Where the corpus lives, relative to the repository root. It is read in place, never copied. */
export const CORPUS_DIR = '../shared/corpus/node-soap';

export interface Corpus {
  /** Corpus folder, relative to the working directory (the repository root). */
  readonly root: string;
  /** Every WSDL, '/'-separated and relative to the working directory, in code-unit order. */
  readonly wsdls: readonly string[];
  readonly samples: readonly Sample[];
}

/** node-soap's JSON conventions, which its options can rename. */
export interface Conventions {
  readonly attributesKey: string;
  readonly valueKey: string;
  readonly xmlKey: string;
  /** node-soap trims text unless preserveWhitespace is set. */
  readonly preserveWhitespace: boolean;
  /** node-soap reads xsi:nil as null only with handleNilAsNull. */
  readonly nilAsNull: boolean;
}

export interface Sample {
  /** Folder name: `<operation>__<behaviour>`. */
  readonly id: string;
  readonly dir: string;
  readonly operation: string;
  readonly wsdl: string;
  readonly request?: string;
  readonly responseXml?: string;
  readonly responseJson?: string;
  readonly conventions: Conventions;
}

const toKey = (file: string): string => path.relative(process.cwd(), file).split(path.sep).join('/');
const byCodeUnit = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function walk(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) =>
      entry.isDirectory()
        ? walk(path.join(dir, entry.name))
        : /\.wsdl$/i.test(entry.name)
          ? [path.join(dir, entry.name)]
          : [],
    );
}

function readJson(file: string): Record<string, unknown> {
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>) : {};
}

export function conventionsOf(options: Record<string, unknown>): Conventions {
  const text = (key: string, fallback: string): string =>
    typeof options[key] === 'string' ? (options[key] as string) : fallback;
  return {
    attributesKey: text('attributesKey', 'attributes'),
    valueKey: text('valueKey', '$value'),
    xmlKey: text('xmlKey', '$xml'),
    preserveWhitespace: options.preserveWhitespace === true,
    nilAsNull: options.handleNilAsNull === true,
  };
}

/** The corpus under `root`, or undefined when it is not there (the run then skips with a message). */
export function findCorpus(root: string = CORPUS_DIR): Corpus | undefined {
  if (!fs.existsSync(path.join(root, 'wsdl')) || !fs.existsSync(path.join(root, 'request-response-samples')))
    return undefined;
  const wsdls = walk(root).map(toKey).sort(byCodeUnit);
  const samplesDir = path.join(root, 'request-response-samples');
  const samples: Sample[] = [];
  for (const id of fs.readdirSync(samplesDir).sort(byCodeUnit)) {
    const dir = path.join(samplesDir, id);
    if (!fs.statSync(dir).isDirectory() || !fs.existsSync(path.join(dir, 'soap.wsdl'))) continue;
    const file = (name: string): string | undefined =>
      fs.existsSync(path.join(dir, name)) ? toKey(path.join(dir, name)) : undefined;
    samples.push({
      id,
      dir: toKey(dir),
      operation: id.split('__')[0]!,
      wsdl: toKey(path.join(dir, 'soap.wsdl')),
      ...optional('request', file('request.json')),
      ...optional('responseXml', file('response.xml')),
      ...optional('responseJson', file('response.json')),
      conventions: conventionsOf(readJson(path.join(dir, 'wsdl_options.json'))),
    });
  }
  return { root: toKey(root), wsdls, samples };
}

function optional<K extends string>(key: K, value: string | undefined): { [P in K]?: string } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: string };
}

/** A folder-safe, stable id for a corpus file: its path below the corpus root. */
export function outputId(corpusRoot: string, wsdl: string): string {
  return path.posix
    .relative(corpusRoot, wsdl)
    .replace(/\.wsdl$/i, '')
    .replace(/[^A-Za-z0-9_-]+/g, '_');
}
