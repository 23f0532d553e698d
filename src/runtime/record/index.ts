// A request or reply as a record, by descriptor and whatever the wire: structs (lookup with struct defaults),
// values (records), validate (a request checked and rendered as a record), coerce (a verified record to typed
// values), patterns (contract patterns compiled safely), fields (what a field descriptor says) and walk (one walk).
export { coerceRecord, CoercionError } from './coerce';
export { BASE64, facetProblem, isStructField, nestedStruct } from './fields';
export { fieldsOf, indexOf, structOf } from './structs';
export { buildWireRecord, luhnValid, type BuildContext } from './validate';
export { ANY_ATTRIBUTES, ANY_TEXT, emptyRecord, NIL, PROTOTYPE_KEYS, type WireRecord, type WireValue } from './values';
export { walkRecord, type RecordVisitor, type WalkKey } from './walk';
