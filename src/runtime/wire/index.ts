// Between typed objects and the wire, guided by the generated descriptors: one module per step
// (validate, write, envelope, read, reply, coerce); this index keeps the names every caller imports.
export { coerceRecord, CoercionError } from './coerce';
export { buildEnvelope, envelopeNamespace } from './envelope';
export { readRecord } from './read';
export { envelopeText, readReply, readReplyFields, replyContent, ReplyShapeError, soapBody, soapFault, type ReadReply } from './reply';
export { fieldsOf, structOf } from './structs';
export { buildWireRecord, luhnValid, type BuildContext } from './validate';
export { ANY_ATTRIBUTES, ANY_TEXT, emptyRecord, NIL, PROTOTYPE_KEYS, type WireRecord, type WireValue } from './values';
export { attributesOf, writeRecord } from './write';
export { compareVersions, versionNumber } from '../version';
