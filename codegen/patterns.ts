// Contract patterns checked at generation: a pattern facet whose matching can take exponential time (nested
// repetition, see src/runtime/record/patterns.ts) is refused with the field named, or dropped when asked to.
import { unsafePatternReason } from 'sogenactif-office/internal';
import { reportText } from './escape';
import type { ContractModel, ContractWarning } from './ir';

/** A contract whose pattern facets include one the runtime would refuse to run. */
export class UnsafePatternError extends Error {
  override readonly name = 'UnsafePatternError';
}

/**
 * The model with every pattern facet checked: an unsafe one is an UnsafePatternError naming each field that
 * carries it (Struct.field, in module), or with `drop`, removed (the gateway still checks it) and named in the
 * model's warnings.
 */
export function checkPatterns(model: ContractModel, drop: boolean): ContractModel {
  const found: string[] = [];
  const dropped: ContractWarning[] = [];
  const structs = model.structs.map((struct) => {
    let changed = false;
    const fields = struct.fields.map((field) => {
      const pattern = field.facets?.pattern;
      const reason = pattern === undefined ? undefined : unsafePatternReason(pattern);
      if (pattern === undefined || reason === undefined) return field;
      found.push(
        `field ${struct.name}.${reportText(field.name)} (in ${struct.module}): pattern "` +
          `${reportText(pattern, 120)}" is refused: ${reportText(reason)}`,
      );
      if (!drop) return field;
      dropped.push({
        kind: 'not-represented',
        file: struct.module,
        construct: 'xs:pattern',
        detail:
          `${struct.name}.${reportText(field.name)}: pattern "${reportText(pattern, 120)}` +
          `" dropped (--drop-unsafe-patterns): ${reportText(reason)}`,
      });
      changed = true;
      const { pattern: _dropped, ...facets } = field.facets!;
      return { ...field, facets };
    });
    return changed ? { ...struct, fields } : struct;
  });
  if (found.length === 0) return model;
  if (!drop) {
    throw new UnsafePatternError(
      `${found.join('\n')}` +
        `\nrewrite the pattern without nested repetition, or pass --drop-unsafe-patterns to generate without it ` +
        `(the gateway still checks it)`,
    );
  }
  return { ...model, structs, warnings: [...(model.warnings ?? []), ...dropped] };
}
