// Names a contract puts on the wire, checked before anything is emitted: every element and attribute name an
// XML name (so a name cannot carry markup into a request), every operation name and JSON path one URL segment.
import type { ContractModel } from './ir';
import { reportText } from './escape';
import { UnsupportedConstructError } from './unsupported-construct-error';

/** An XML NCName (no prefix): letters, digits, '_', '-', '.', starting with a letter or '_'. */
const NCNAME = /^[\p{L}_][\p{L}\p{N}\p{M}_.\-\u00B7]*$/u;
/** One path segment of the JSON endpoint: no '/', no '..', nothing a URL would read as query or fragment. */
const SEGMENT = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;

/**
 * The model unchanged, or an UnsupportedConstructError naming the first name that is not an XML name (an
 * element, an attribute, a list item, a body element or wrapper) or not one URL segment (an operation name, a
 * JSON path).
 */
export function checkWireNames(model: ContractModel): ContractModel {
  const refuse = (source: string, construct: string, name: string, what: string): never => {
    throw new UnsupportedConstructError(source, construct, `"${reportText(name, 100)}" is not ${what}`);
  };
  for (const struct of model.structs) {
    for (const field of struct.fields) {
      if (field.xml !== 'text' && !NCNAME.test(field.element))
        refuse(
          struct.module,
          `${field.xml === 'attribute' ? 'attribute' : 'element'} of type ${struct.xsdName || struct.name}`,
          field.element,
          'an XML name',
        );
      if (field.list?.kind === 'wrapped' && !NCNAME.test(field.list.item))
        refuse(struct.module, `list item of ${struct.name}.${field.element}`, field.list.item, 'an XML name');
    }
  }
  for (const service of model.services) {
    for (const op of service.operations) {
      if (!SEGMENT.test(op.name))
        refuse(service.source, 'operation', op.name, 'a name that can be one segment of the JSON endpoint path');
      if (op.jsonPath !== undefined && !SEGMENT.test(op.jsonPath))
        refuse(service.source, `JSON path of operation ${op.name}`, op.jsonPath, 'one URL path segment');
      for (const [what, element] of [
        ['request element', op.requestElement],
        ['response element', op.responseElement],
        ['request wrapper', op.requestWrapper],
        ['response wrapper', op.responseWrapper],
      ] as const) {
        if (element && element.local !== '' && !NCNAME.test(element.local))
          refuse(service.source, `${what} of operation ${op.name}`, element.local, 'an XML name');
      }
    }
  }
  return model;
}
