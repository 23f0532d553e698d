// <module>/schema.ts: a module's wire layout: one `base` its structs spread (what they share), one entry per
// struct (one line per field), and its value lists as one row per value: [value, meaning, outcome].
import type { EnumCode, EnumDescriptor, StructDescriptor } from 'sogenactif-office/internal';
import { enumDescriptor, fieldDefaults, mostCommon, structDescriptor, type FieldDefaults } from '../descriptors';
import type { EnumModel, StructModel } from '../ir';
import { enumsConst, runtimeImport, structsConst, type EmitContext, type Statements } from './context';
import {
  docComment,
  exportConst,
  jsDoc,
  literal,
  MAX_LINE,
  packedObject,
  propertyKey,
  quote,
  stringLiteral,
} from './print';

/**
 * The module's struct and enum tables. What its structs share (fields' namespace, since-version) is one
 * `base` constant each struct spreads; a struct then names what differs, and a field what differs from it.
 */
export function emitSchema(
  ctx: EmitContext,
  module: string,
  structs: readonly StructModel[],
  enums: readonly EnumModel[],
): Statements {
  const descriptors = structs.map((s) => [s.name, structDescriptor(s)] as const);
  const base = moduleDefaults(ctx, module);
  const baseUsed = descriptors.some(([, d]) => d.ns !== undefined || d.since !== undefined);
  const structTable =
    descriptors.length === 0 ? '{}' : `{\n${descriptors.map(([name, d]) => structEntry(name, d, base)).join('\n')}\n}`;
  const enumTable =
    enums.length === 0 ? '{}' : `{\n${enums.map((e) => enumEntry(e.name, enumDescriptor(e))).join('\n')}\n}`;
  return [
    `import type { EnumDescriptor, StructDescriptor } from '${runtimeImport(ctx)}';`,
    ...(baseUsed
      ? [
          `${docComment(jsDoc(`What the ${module} structs share unless one says otherwise: ${baseParts(base)}.`))}` +
            `const base = ${literal(base)} as const;`,
        ]
      : []),
    // Annotated, not `as const`: the declarations a merchant's compiler reads stay small (the table's literal
    // types would be spelled out in full in the .d.ts files).
    exportConst(
      structsConst(module),
      structTable,
      `Wire layout of the ${module} types.`,
      'Readonly<Record<string, StructDescriptor>>',
    ),
    exportConst(
      enumsConst(module),
      enumTable,
      `Value lists of the ${module} types: [value, meaning, outcome] per value.`,
      'Readonly<Record<string, EnumDescriptor>>',
    ),
  ];
}

/** A module's struct defaults: the namespace and since-version most of its structs have. */
export function moduleDefaults(ctx: EmitContext, module: string): FieldDefaults {
  const defaults = ctx.model.structs.filter((s) => s.module === module && s.fields.length > 0).map(fieldDefaults);
  const ns = mostCommon(defaults.map((d) => d.ns));
  const since = mostCommon(defaults.map((d) => d.since));
  return { ...(ns !== undefined ? { ns } : {}), ...(since !== undefined ? { since } : {}) };
}

/** The words for what a module's `base` holds. */
function baseParts(base: FieldDefaults): string {
  const parts = [
    base.ns !== undefined ? "their fields' namespace" : '',
    base.since !== undefined ? 'the interface version their fields appeared in' : '',
  ];
  return parts.filter(Boolean).join(', and ');
}

/**
 * One struct of a schema table: `...base` when it has field defaults, then the defaults that differ from the
 * module's (undefined cancels one), then one line per field (several when it would not fit one).
 */
function structEntry(name: string, descriptor: StructDescriptor, base: FieldDefaults): string {
  const { ns, since, fields, ...rest } = descriptor;
  const head: string[] = [];
  if (ns !== undefined || since !== undefined) {
    head.push('...base');
    if (ns !== base.ns) head.push(`ns: ${literal(ns)}`);
    if (since !== base.since) head.push(`since: ${literal(since)}`);
  }
  for (const [key, value] of Object.entries(rest))
    head.push(`${propertyKey(key)}: ${literal(value, '  ', Infinity, key.length + 2)}`);
  const rows = (indent: string): string =>
    fields.map((field) => `${indent}${packedObject({ ...field }, indent)},`).join('\n');
  const opening = `  ${propertyKey(name)}: { ${[...head, ''].join(', ')}fields: [`;
  if (opening.length <= MAX_LINE) return `${opening}${fields.length > 0 ? `\n${rows('    ')}\n  ] },` : '] },'}`;
  const list = fields.length > 0 ? `\n${rows('      ')}\n    ` : '';
  return `  ${propertyKey(name)}: {\n${head.map((h) => `    ${h},`).join('\n')}\n    fields: [${list}],\n  },`;
}

/** One list of a schema table: a row per value in the contract's order (codes in code order). */
function enumEntry(name: string, descriptor: EnumDescriptor): string {
  const open = descriptor.open ? ' open: true,' : '';
  const flat = `  ${propertyKey(name)}: {${open} codes: ${literal(descriptor.codes, '', Infinity)} },`;
  if (flat.length <= MAX_LINE) return flat;
  return (
    `  ${propertyKey(name)}: {${open} codes: [\n` +
    `${descriptor.codes.map((row) => `    ${codeRow(row, '    ')},`).join('\n')}\n  ] },`
  );
}

/** `[value, meaning, outcome]` on one line, a long meaning cut into concatenated parts. */
function codeRow(row: EnumCode, indent: string): string {
  const [value, meaning, outcome] = row;
  const flat = literal(row, '', Infinity);
  if (indent.length + flat.length + 1 <= MAX_LINE) return flat;
  const head = `[${quote(value)}, `;
  // The meaning's last part is followed by the outcome and `],`.
  const lead = head.length + (outcome ? quote(outcome).length + 2 : 0) + 2;
  const parts = [
    meaning === null || meaning === undefined ? 'null' : stringLiteral(meaning, indent, lead),
    ...(outcome ? [quote(outcome)] : []),
  ];
  return `${head}${parts.join(', ')}]`;
}
