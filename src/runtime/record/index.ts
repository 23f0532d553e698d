// A request or reply as a record, by descriptor and whatever the wire: structs (lookup with struct defaults),
// values (wire records), validate (a request checked and rendered as a record), coerce (a verified record to
// typed values), patterns (contract patterns compiled safely).
export { coerceRecord, CoercionError } from './coerce';
export { fieldsOf, structOf } from './structs';
export { buildWireRecord, luhnValid, type BuildContext } from './validate';
export { ANY_ATTRIBUTES, ANY_TEXT, emptyRecord, NIL, PROTOTYPE_KEYS, type WireRecord, type WireValue } from './values';
