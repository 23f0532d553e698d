// Prints (or, with --write, refreshes in wsdl/README.md) the table of operations and the contract's counts.
//   node scripts/ts-run.js scripts/contract-summary.ts [--write]
import * as fs from 'node:fs';
import { loadModel } from '../codegen';
import type { ContractModel } from '../codegen/ir';

const BRANDS: readonly [RegExp, string][] = [
  [/sogenactif/, 'Sogenactif'],
  [/mercanet/, 'Mercanet'],
  [/sherlocks/, "Sherlock's"],
  [/sips/, 'Sips'],
];

/**
 * A source for the table: a page URL becomes a short Markdown link (brand, page name, language), a note after
 * it ("URL (release 24.2)") stays beside the link; text stays as is.
 */
export function sourceLabel(source: string): string {
  const [address = '', ...rest] = source.split(' ');
  const note = rest.length > 0 ? ` ${rest.join(' ')}` : '';
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    return source;
  }
  const brand = BRANDS.find(([pattern]) => pattern.test(url.hostname))?.[1] ?? url.hostname;
  const page = url.pathname
    .split('/')
    .pop()!
    .replace(/\.html$/, '');
  const language = url.pathname.startsWith('/fr/') ? ' (fr)' : '';
  const test = /(^|\.)(test|docs-etu)\b/.test(url.hostname) ? ' test' : '';
  return `[${brand}${test} ${page}${language}](${address})${note}`;
}

export function operationsTable(model: ContractModel): string {
  const rows = model.services.flatMap((service) =>
    service.operations.map((op) => {
      const why = (op.inference ?? op.note ?? '').replace(/\|/g, '/').replace(/\s+/g, ' ');
      return (
        `| ${service.name} | ${op.name} | ${op.status ?? '?'} | ${op.recommendedInterfaceVersion ?? ''} | ` +
        `${op.category} | ${(op.sources ?? []).map(sourceLabel).join(', ')} | ${why} |`
      );
    }),
  );
  const fields = model.structs.reduce((n, s) => n + s.fields.length, 0);
  const values = model.enums.reduce((n, e) => n + e.values.length, 0);
  const all = model.services.flatMap((s) => s.operations);
  const count = (status: string): number => all.filter((o) => o.status === status).length;
  const statuses = ['documented', 'partly documented', 'inferred']
    .map((status) => `${count(status)} ${status}`)
    .join(', ');
  return [
    `${model.services.length} services, ${all.length} operations (${statuses}), ${model.structs.length}` +
      ` types with ${fields} fields, ${model.enums.length} enums with ${values} values.`,
    '',
    '| service | operation | status | recommended interfaceVersion | kind | sources | inference or note |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...rows,
  ].join('\n');
}

const START = '<!-- operations:start (scripts/contract-summary.ts --write) -->';
const END = '<!-- operations:end -->';

export function refreshReadme(readme: string, table: string): string {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < 0) throw new Error('wsdl/README.md has no operations markers');
  return `${readme.slice(0, start + START.length)}\n${table}\n${readme.slice(end)}`;
}

if (process.argv[1]?.endsWith('contract-summary.ts')) {
  const table = operationsTable(loadModel(['wsdl']));
  if (process.argv.includes('--write'))
    fs.writeFileSync('wsdl/README.md', refreshReadme(fs.readFileSync('wsdl/README.md', 'utf8'), table));
  else console.log(table);
}
