// The only module of the generator that touches the disk: reads the contract, writes or checks output.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { DictionaryFile } from './ir';
import { packagedDictionaryDir } from '../src/tools/contract/paths';
import { HEADER, type GeneratedFile } from './emit';
import { reportText } from './escape';
import { UnsupportedConstructError } from './unsupported-construct-error';

/**
 * Which dictionaries apply, and where a contract's documents may be read from. 'platform' (the default): the
 * package's own `wsdl/dictionary/`, then `dictionaryDirs`, each later entry overriding an earlier one; a
 * `dictionary/` folder beside other WSDLs is never read on its own (its strings reach generated code: it is
 * applied only when named). 'none': no dictionary at all, for a WSDL that is not Sogenactif's.
 */
export interface DictionaryOptions {
  readonly dictionary?: 'platform' | 'none';
  readonly dictionaryDirs?: readonly string[];
  /**
   * Folders besides the contract's own that schemaLocation/location may lead to (`--allow-outside`). By default
   * a document is read only from the folder of the WSDL (or the folder given) that references it.
   */
  readonly allowOutside?: readonly string[];
  /** Told about what was left unread (a dictionary folder beside the WSDLs that was not named). */
  readonly notice?: (text: string) => void;
}

/**
 * A contract document refused: a location leading outside the contract's folder (a refusal naming the file, like any
 * construct).
 */
export class ContractLocationError extends UnsupportedConstructError {
  constructor(source: string, detail: string) {
    super(source, 'location', detail);
  }
}

export interface LoadedContract {
  /** Text of every WSDL and imported XSD, by '/'-separated path relative to the working directory. */
  readonly texts: ReadonlyMap<string, string>;
  readonly wsdls: readonly string[];
  readonly dictionaries: readonly DictionaryFile[];
}

const toKey = (file: string): string => path.relative(process.cwd(), file).split(path.sep).join('/');

/** Reads WSDL files or folders of them, the XSDs they reference, and the dictionaries the options name. */
export function loadContract(inputs: readonly string[], options: DictionaryOptions = {}): LoadedContract {
  const texts = new Map<string, string>();
  const wsdls: string[] = [];
  const besides = new Set<string>();
  const outside = (options.allowOutside ?? []).map((dir) => {
    if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory())
      throw new ContractLocationError(dir, 'no such folder (--allow-outside)');
    return fs.realpathSync(dir);
  });
  for (const input of inputs) {
    const stat = fs.statSync(input);
    const files = stat.isDirectory()
      ? fs
          .readdirSync(input)
          .filter((f) => /\.wsdl$/i.test(f))
          .sort()
          .map((f) => path.join(input, f))
      : [input];
    // The contract's folder: what its documents' locations may lead to (and any --allow-outside folder).
    const roots = [fs.realpathSync(stat.isDirectory() ? input : path.dirname(input)), ...outside];
    for (const file of files) {
      wsdls.push(toKey(file));
      readWithReferences(file, texts, roots);
      besides.add(path.resolve(path.dirname(file), 'dictionary'));
    }
  }
  if (options.dictionary === 'none') return { texts, wsdls, dictionaries: [] };
  const packaged = packagedDictionaryDir();
  const extra = (options.dictionaryDirs ?? []).map((dir) => path.resolve(dir));
  for (const dir of extra)
    if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory())
      throw new Error(`${reportText(dir)}: no such dictionary folder`);
  // A dictionary folder beside the WSDLs is read only when it is named (or is the packaged one, read anyway).
  const real = (dir: string): string => (fs.existsSync(dir) ? fs.realpathSync(dir) : dir);
  const named = new Set([...(packaged ? [packaged] : []), ...extra].map(real));
  for (const dir of [...besides].sort()) {
    if (fs.existsSync(dir) && !named.has(real(dir))) {
      options.notice?.(
        `${reportText(toKey(dir))}/ beside the WSDLs is not read: pass --dictionary ${reportText(toKey(dir))}` +
          ` to apply it`,
      );
    }
  }
  // Each folder once, in order of precedence (later wins); the packaged one first.
  const ordered = [...new Set([...(packaged ? [packaged] : []), ...extra])];
  const dictionaries: DictionaryFile[] = [];
  for (const dir of ordered) {
    if (!fs.existsSync(dir)) continue;
    for (const file of fs
      .readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .sort()) {
      const where = path.join(dir, file);
      let parsed: DictionaryFile;
      try {
        parsed = JSON.parse(fs.readFileSync(where, 'utf8')) as DictionaryFile;
      } catch (error) {
        throw new Error(`${reportText(where)}: not a JSON dictionary file (${reportText((error as Error).message)})`);
      }
      if (parsed === null || typeof parsed !== 'object' || (parsed.scope !== 'common' && parsed.scope !== 'service'))
        throw new Error(`${reportText(where)}: "scope" must be "common" or "service"`);
      dictionaries.push(parsed);
    }
  }
  return { texts, wsdls, dictionaries };
}

/** Whether `target` (a real path) is `root` or inside it. */
const inside = (target: string, root: string): boolean => {
  const relative = path.relative(root, target);
  return relative === '' || (relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative));
};

/**
 * Reads a document and, through its schemaLocation/location attributes, every local document it references;
 * a location leading outside `roots` (the contract's folder, and --allow-outside folders) is refused, symbolic
 * links followed, before anything there is read.
 */
function readWithReferences(file: string, texts: Map<string, string>, roots: readonly string[]): void {
  const key = toKey(file);
  if (texts.has(key)) return;
  const text = fs.readFileSync(file, 'utf8');
  texts.set(key, text);
  for (const match of text.matchAll(/(?:schemaLocation|location)\s*=\s*(?:"([^"]+)"|'([^']+)')/g)) {
    const location = (match[1] ?? match[2]!).replace(/&amp;/g, '&');
    // Absolute URLs (endpoints, remote imports) are not local files.
    if (/^[a-z][a-z0-9+.-]*:/i.test(location)) continue;
    const target = path.join(path.dirname(file), location);
    const real = fs.existsSync(target) ? fs.realpathSync(target) : path.resolve(target);
    if (!roots.some((root) => inside(real, root))) {
      throw new ContractLocationError(
        key,
        `"${location}" leads outside the contract's folder (${toKey(roots[0]!)}` +
          `); copy the document into it, or name its folder with --allow-outside DIR`,
      );
    }
    if (fs.existsSync(target) && fs.statSync(target).isFile()) readWithReferences(target, texts, roots);
  }
}

/** Writes the JSON report of a run (`generate --report FILE`). */
export function writeReport(file: string, report: object): void {
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
}

export interface WriteResult {
  readonly written: readonly string[];
  readonly deleted: readonly string[];
  readonly unchanged: number;
}

/** Writes the generated files under outDir and deletes generated files that are no longer produced. */
export function writeGenerated(outDir: string, files: readonly GeneratedFile[], check: boolean): WriteResult {
  const wanted = new Map(files.map((f) => [f.path, f.text]));
  const written: string[] = [];
  const deleted: string[] = [];
  let unchanged = 0;
  for (const [relative, text] of wanted) {
    const target = path.join(outDir, relative);
    const current = fs.existsSync(target) ? fs.readFileSync(target, 'utf8') : undefined;
    if (current === text) {
      unchanged++;
      continue;
    }
    written.push(relative);
    if (!check) {
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, text);
    }
  }
  for (const relative of listFiles(outDir)) {
    if (wanted.has(relative)) continue;
    const target = path.join(outDir, relative);
    if (!fs.readFileSync(target, 'utf8').startsWith(HEADER)) continue; // never delete a file we did not generate
    deleted.push(relative);
    if (!check) fs.rmSync(target);
  }
  if (!check) removeEmptyDirs(outDir);
  return { written: written.sort(), deleted: deleted.sort(), unchanged };
}

function listFiles(dir: string, prefix = ''): string[] {
  if (!fs.existsSync(dir)) return [];
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...listFiles(path.join(dir, entry.name), relative));
    else if (entry.name.endsWith('.ts')) out.push(relative);
  }
  return out.sort();
}

function removeEmptyDirs(dir: string): void {
  if (!fs.existsSync(dir)) return;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const child = path.join(dir, entry.name);
    removeEmptyDirs(child);
    if (fs.readdirSync(child).length === 0) fs.rmdirSync(child);
  }
}

/**
 * The import extension an output folder's project needs: '.js' when the nearest tsconfig.json resolves
 * modules as node16/nodenext (ESM requires explicit extensions there), '' otherwise.
 */
export function detectImportExtension(outDir: string): { extension: '' | '.js'; reason?: string } {
  for (let dir = path.resolve(outDir); ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'tsconfig.json');
    if (fs.existsSync(candidate)) {
      // tsconfig.json allows comments and trailing commas: a loose read is enough for two settings.
      const text = fs.readFileSync(candidate, 'utf8');
      const setting = (name: string): string | undefined =>
        new RegExp(`"${name}"\\s*:\\s*"([^"]+)"`, 'i').exec(text)?.[1]?.toLowerCase();
      const resolution = setting('moduleResolution') ?? setting('module');
      const esm = resolution === 'node16' || resolution === 'nodenext';
      return {
        extension: esm ? '.js' : '',
        reason:
          `${path.relative(process.cwd(), candidate) || 'tsconfig.json'} resolves modules as ` +
          `${resolution ?? 'the default'}`,
      };
    }
    if (path.dirname(dir) === dir) return { extension: '' };
  }
}
