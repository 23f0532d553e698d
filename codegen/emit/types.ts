// <module>/types.ts: the merchant-facing types of a module: `as const` enums with their meanings as JSDoc, one
// interface per struct (request fields the client fills left out), the "exactly one of" request unions.
import {
  StructureKind,
  type InterfaceDeclarationStructure,
  type OptionalKind,
  type PropertySignatureStructure,
} from 'ts-morph';
import { CONFIG_FIELDS, DEFAULTED_FIELDS } from 'sogenactif-office/internal';
import { fieldDefaults } from '../descriptors';
import { lineCommentText } from '../escape';
import type { EnumModel, FieldModel, StructModel, TypeRef } from '../ir';
import { rel, type EmitContext, type Statements } from './context';
import { moduleDefaults } from './schema';
import { docComment, exportConst, importLine, jsDoc, MAX_LINE, propertyKey, quote } from './print';

const configFields = new Set<string>(CONFIG_FIELDS);
const defaultedFields = new Set<string>(DEFAULTED_FIELDS);

export function emitTypes(
  ctx: EmitContext,
  module: string,
  structs: readonly StructModel[],
  enums: readonly EnumModel[],
): Statements {
  const baseline = moduleDefaults(ctx, module).since;
  const statements: Statements = [
    ...(baseline
      ? [`// Interface version ${lineCommentText(baseline)} unless @since says otherwise (on a type or a field).`]
      : []),
    ...typeImports(ctx, module, structs),
  ];
  for (const enumModel of enums) {
    const values = enumModel.values
      .map((v) => `${v.meaning ? docComment(jsDoc(v.meaning), '  ') : ''}  ${propertyKey(v.value)}: ${quote(v.value)},`)
      .join('\n');
    statements.push(
      exportConst(
        enumModel.name,
        `{\n${values}\n} as const`,
        enumModel.description ?? `Values of ${enumModel.xsdName || enumModel.name}.`,
      ),
    );
    const alias = `export type ${enumModel.name} = (typeof ${enumModel.name})[keyof typeof ${enumModel.name}];`;
    statements.push(
      alias.length <= MAX_LINE
        ? alias
        : `export type ${enumModel.name} =\n  (typeof ${enumModel.name})[keyof typeof ${enumModel.name}];`,
    );
  }
  for (const struct of structs) {
    const alternatives = ctx.alternatives.get(struct.name);
    if (!alternatives) {
      statements.push(interfaceFor(ctx, struct, baseline));
      continue;
    }
    const doc = jsDoc(
      `The fields of ${struct.name}, before the rule on which of them identify its target (see ${struct.name}).`,
    );
    statements.push({ ...interfaceFor(ctx, struct, baseline), name: `${struct.name}Fields`, docs: doc });
    statements.push(alternativesAlias(struct, alternatives));
  }
  return statements;
}

function tsType(ctx: EmitContext, type: TypeRef): string {
  switch (type.kind) {
    case 'primitive':
      if (type.primitive === 'any') return 'unknown';
      return type.primitive === 'integer' || type.primitive === 'number'
        ? 'number'
        : type.primitive === 'boolean'
          ? 'boolean'
          : 'string';
    case 'enum':
      // An open list names the documented values and still accepts any other string.
      return ctx.enums.get(type.name)?.open ? `${type.name} | (string & {})` : type.name;
    case 'struct':
      return type.name;
  }
}

function moduleOf(ctx: EmitContext, type: TypeRef): string | undefined {
  if (type.kind === 'enum') return ctx.enums.get(type.name)?.module;
  if (type.kind === 'struct') return ctx.structs.get(type.name)?.module;
  return undefined;
}

function typeImports(ctx: EmitContext, module: string, structs: readonly StructModel[]): string[] {
  const byModule = new Map<string, Set<string>>();
  for (const struct of structs) {
    const isRequest = ctx.requestStructs.has(struct.name);
    for (const field of struct.fields) {
      if (isRequest && configFields.has(field.name)) continue;
      // The derived types an abstract field type stands for are written where it is used.
      const used = field.derived
        ? field.derived.map((d) => ({ kind: 'struct' as const, name: d.struct }))
        : [field.type];
      for (const type of used) {
        const target = moduleOf(ctx, type);
        if (target === undefined || target === module) continue;
        if (!byModule.has(target)) byModule.set(target, new Set());
        // The type's own name: an open list's union (`X | (string & {})`) is written where it is used.
        byModule.get(target)!.add(type.kind === 'primitive' ? tsType(ctx, type) : type.name);
      }
    }
  }
  return [...byModule.keys()]
    .sort()
    .map((target) => importLine([...byModule.get(target)!].sort(), rel(ctx, `../${target}/types`), true));
}

/**
 * `X = XFields & (A | B)`: each alternative's paths required, the other alternatives' fields `never`, so a request
 * with none, a part of one, or two of them does not compile (the dictionary's requiresOneOf rule).
 */
function alternativesAlias(struct: StructModel, alternatives: readonly (readonly string[])[]): string {
  const fields = `${struct.name}Fields`;
  const tops = alternatives.map((paths) => [...new Set(paths.map((p) => p.split('.')[0]!))]);
  const members = alternatives.map((paths, i) => {
    const own = tops[i]!.map((top) => {
      const leaves = paths.filter((p) => p.startsWith(`${top}.`)).map((p) => p.slice(top.length + 1));
      const field = struct.fields.find((f) => f.name === top);
      if (leaves.length === 0 || !field || field.type.kind !== 'struct')
        return `${propertyKey(top)}: NonNullable<${fields}[${quote(top)}]>`;
      return `${propertyKey(top)}: Required<Pick<${field.type.name}, ${leaves.map(quote).join(' | ')}>>`;
    });
    const others = tops.flatMap((t, j) => (j === i ? [] : t)).map((top) => `${propertyKey(top)}?: never`);
    return [...own, ...others];
  });
  const names = alternatives.map((paths) => {
    const top = paths[0]!.split('.')[0]!;
    const leaves = paths.map((p) => p.split('.').slice(1).join('.')).filter(Boolean);
    return leaves.length === 0 ? paths.join(' and ') : `${top} (${leaves.join(' and ')})`;
  });
  const description = struct.description ?? (struct.xsdName ? `XSD type ${struct.xsdName}.` : struct.name);
  const doc = jsDoc(
    `${description}\nGive exactly one of: ${names.join(', or ')}` +
      ` (a rule of the data dictionary the WSDL cannot express; the client checks it too).`,
  );
  const flat = `export type ${struct.name} = ${fields} & (${members.map((m) => `{ ${m.join('; ')} }`).join(' | ')});`;
  if (flat.length <= MAX_LINE) return `${docComment(doc)}${flat}`;
  const member = (m: readonly string[]): string => {
    const one = `  | { ${m.join('; ')} }`;
    const lines = m.map((p) =>
      p.length + 9 <= MAX_LINE
        ? `        ${p};`
        : p.replace(/^(.+): Required<Pick<(.+)>>$/, '        $1: Required<\n          Pick<$2>\n        >;'),
    );
    return one.length + 2 <= MAX_LINE ? one : `  | {\n${lines.join('\n')}\n      }`;
  };
  return (
    `${docComment(doc)}export type ${struct.name} = ${fields} &\n  (\n` +
    `${members.map((m) => `  ${member(m)}`).join('\n')}\n  );`
  );
}

/**
 * A struct's interface; `@since` on the interface when it differs from the module's, on a field when it differs from
 * its struct's.
 */
function interfaceFor(
  ctx: EmitContext,
  struct: StructModel,
  baseline: string | undefined,
): InterfaceDeclarationStructure {
  const structSince = fieldDefaults(struct).since;
  const isRequest = ctx.requestStructs.has(struct.name);
  const defaulted = isRequest && !ctx.withoutDefaultVersion.has(struct.name);
  const properties: OptionalKind<PropertySignatureStructure>[] = [];
  for (const field of struct.fields) {
    if (isRequest && configFields.has(field.name)) continue;
    // A fixed value is filled by the client: the caller may leave it out.
    const optional = !field.required || field.fixed !== undefined || (defaulted && defaultedFields.has(field.name));
    properties.push({
      name: propertyKey(field.name),
      hasQuestionToken: optional,
      type: fieldType(ctx, field),
      docs: jsDoc(field.description, {
        since: field.since === structSince ? undefined : field.since,
        ...(defaulted && defaultedFields.has(field.name)
          ? {
              defaultValue: "the client's interfaceVersions setting, else the operation's recommended interfaceVersion",
            }
          : {}),
        ...(field.fixed !== undefined
          ? {
              defaultValue:
                `${JSON.stringify(field.fixed)} ` +
                '(fixed by the schema: sent when left out, no other value accepted)',
            }
          : {}),
        ...(field.default !== undefined && field.fixed === undefined
          ? {
              defaultValue:
                `${JSON.stringify(field.default)} ` +
                "(the schema's default: read when the reply leaves it out or empty)",
            }
          : {}),
      }),
    });
  }
  if (struct.anyAttributes) {
    properties.push({
      name: quote('$attributes'),
      hasQuestionToken: true,
      type: 'Readonly<Record<string, string>>',
      docs: jsDoc(
        'Attributes the schema does not name (xs:anyAttribute), by name as written (prefixed: declare it with ' +
          'an xmlns:prefix entry).',
      ),
    });
  }
  return {
    kind: StructureKind.Interface,
    isExported: true,
    name: struct.name,
    docs: jsDoc(
      withChoices(struct.description ?? (struct.xsdName ? `XSD type ${struct.xsdName}.` : undefined), struct.choices),
      { since: structSince === baseline ? undefined : structSince },
    ),
    properties,
    // xs:any: elements the schema does not name travel as extra properties.
    ...(struct.open ? { indexSignatures: [{ keyName: 'element', keyType: 'string', returnType: 'unknown' }] } : {}),
  };
}

/** A struct's text followed by its xs:choice groups, which the client checks before sending. */
function withChoices(text: string | undefined, choices: StructModel['choices']): string | undefined {
  if (!choices || choices.length === 0) return text;
  const lines = choices.map(
    (c) =>
      `${c.required ? 'Exactly' : 'At most'} one of: ${c.branches.map((b) => b.join(' + ')).join(' | ')}` +
      ` (xs:choice, checked before sending).`,
  );
  return [text, ...lines].filter(Boolean).join('\n');
}

/** Property type: lists as arrays, nillable values (or list items) with null. */
function fieldType(ctx: EmitContext, field: FieldModel): string {
  // An abstract type: one of its derived types, said by `$type` (written as xsi:type).
  const scalar = field.derived
    ? field.derived.map((d) => `(${d.struct} & { $type: ${quote(d.struct)} })`).join(' | ')
    : tsType(ctx, field.type);
  // xs:list: an array of the item type (one text on the wire).
  const type = field.tokens ? `${scalar.includes('|') ? `(${scalar})` : scalar}[]` : scalar;
  const base = type.includes('|') ? `(${type})` : type;
  if (field.list?.kind === 'repeated') return field.nillable ? `(${base} | null)[]` : `${base}[]`;
  if (field.list) return field.nillable ? `${base}[] | null` : `${base}[]`;
  return field.nillable ? `${type} | null` : type;
}
