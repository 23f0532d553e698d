// `sogenactif diff --format sarif`: the contract changes as a SARIF 2.1.0 log, for code-scanning annotations (GitHub
// code scanning and other SARIF viewers): one result per change, located in the WSDL that has it, at the line
// naming the operation or field; breaking changes are errors, the others notes, undocumented parts warnings.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ContractChange, ContractDiff } from './diff';
import type { ContractModel } from '../ir';

const SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

const RULES = [
  {
    id: 'contract/breaking-change',
    name: 'BreakingContractChange',
    text:
      'A change that breaks existing callers: an operation or response field removed, a request field added as ' +
      'mandatory or made mandatory, an enum value removed, a type narrowed.',
    level: 'error',
  },
  {
    id: 'contract/change',
    name: 'ContractChange',
    text: 'A compatible change: an optional field, an operation or a value added.',
    level: 'note',
  },
  {
    id: 'contract/undocumented',
    name: 'UndocumentedContractPart',
    text:
      'An operation or field no dictionary describes: conventions apply (outcome field, operation kind, no ' +
      'automatic resend of writes); review it.',
    level: 'warning',
  },
] as const;

/** The WSDL file of each service, relative to `base` with '/' separators (SARIF URIs). */
function sourcesOf(model: ContractModel, base: string): Map<string, string> {
  return new Map(model.services.map((s) => [s.name, path.relative(base, s.source).split(path.sep).join('/')]));
}

/** The first line (1-based) of `file` naming `name` as an XML name="..." attribute, else 1. */
function lineOf(file: string, names: readonly string[], cache: Map<string, string[]>): number {
  let lines = cache.get(file);
  if (!lines) {
    try {
      lines = fs.readFileSync(file, 'utf8').split('\n');
    } catch {
      lines = [];
    }
    cache.set(file, lines);
  }
  for (const name of names) {
    const index = lines.findIndex((line) => line.includes(`name="${name}"`));
    if (index >= 0) return index + 1;
  }
  return 1;
}

export interface SarifOptions {
  readonly version: string;
  /** Folder the artifact URIs are relative to (the current directory: the repository root in CI). */
  readonly base: string;
}

/** The diff (and the newer contract's undocumented parts) as a SARIF 2.1.0 log. */
export function diffSarif(
  diff: ContractDiff,
  before: ContractModel,
  after: ContractModel,
  undocumented: readonly string[],
  options: SarifOptions,
): Record<string, unknown> {
  const oldSources = sourcesOf(before, options.base);
  const newSources = sourcesOf(after, options.base);
  const cache = new Map<string, string[]>();
  const location = (pathText: string, preferOld: boolean): Record<string, unknown> => {
    const [target = '', , field] = pathText.split(' ');
    const [service = '', operation] = target.split('.');
    const uri =
      (preferOld
        ? (oldSources.get(service) ?? newSources.get(service))
        : (newSources.get(service) ?? oldSources.get(service))) ?? service;
    const names = [field?.split('.').pop(), operation, service].filter((n): n is string => Boolean(n));
    return {
      physicalLocation: {
        artifactLocation: { uri },
        region: { startLine: lineOf(path.resolve(options.base, uri), names, cache) },
      },
    };
  };
  const change = (c: ContractChange): Record<string, unknown> => ({
    ruleId: c.breaking ? RULES[0].id : RULES[1].id,
    level: c.breaking ? 'error' : 'note',
    message: { text: `${c.breaking ? 'BREAKING: ' : ''}${c.path}: ${c.detail}` },
    locations: [location(c.path, c.change === 'removed')],
    properties: { change: c.change, what: c.what, ...(c.side ? { side: c.side } : {}) },
  });
  const review = (line: string): Record<string, unknown> => ({
    ruleId: RULES[2].id,
    level: 'warning',
    message: { text: `not in the dictionary: ${line}` },
    locations: [location(line.split(/[ :]/)[0] ?? '', false)],
  });
  return {
    $schema: SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'sogenactif diff',
            version: options.version,
            informationUri: 'https://www.npmjs.com/package/sogenactif-office-tools',
            rules: RULES.map((r) => ({
              id: r.id,
              name: r.name,
              shortDescription: { text: r.text },
              defaultConfiguration: { level: r.level },
            })),
          },
        },
        results: [...diff.changes.map(change), ...undocumented.map(review)],
      },
    ],
  };
}
