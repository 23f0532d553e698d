// The wires, guided by the generated descriptors: soap/ (envelope, write, read, reply, xml) and json/; the
// wire-neutral record steps are in ../record. This index keeps the names every caller imports.
export { coerceRecord, CoercionError } from '../record/coerce';
export { buildEnvelope, envelopeNamespace } from './soap/envelope';
export { readRecord } from './soap/read';
export { envelopeText, readReply, readReplyFields, replyContent, ReplyShapeError, soapBody, soapFault, type ReadReply } from './soap/reply';
export { fieldsOf, structOf } from '../record/structs';
export { buildWireRecord, luhnValid, type BuildContext } from '../record/validate';
export { ANY_ATTRIBUTES, ANY_TEXT, emptyRecord, NIL, PROTOTYPE_KEYS, type WireRecord, type WireValue } from '../record/values';
export { attributesOf, writeRecord } from './soap/write';
export { compareVersions, versionNumber } from '../version';
