// The wire tree: every scalar already rendered as the text that goes on the wire (and into the seal),
// with the shared markers for xsi:nil and untyped content.

/** Wire values: every scalar already rendered as the text that goes on the wire (and into the seal). */
export type WireValue = string | WireValue[] | WireRecord;
export interface WireRecord {
  [key: string]: WireValue;
}

/**
 * An xsi:nil="true" element in a wire tree (nillable fields, and untyped content). One shared empty,
 * frozen record compared by identity: it adds nothing to a seal, and a typed result reads it as null.
 */
export const NIL: WireRecord = Object.freeze({}) as WireRecord;

/**
 * Untyped content (xs:anyType, and what an xs:any allows), both ways: text, or an object whose keys are
 * child elements (an array repeats the element), with the element's own attributes under '$attributes'
 * and its text beside children under '$value' ('$' cannot start an XML name, so they never clash).
 */
export const ANY_ATTRIBUTES = '$attributes';
/**
 * The derived type a value of an abstract type is (its struct name, see FieldDescriptor.derived): set by the caller,
 * written as xsi:type, and set on read from the reply's xsi:type.
 */
export const DERIVED_TYPE = '$type';
export const ANY_TEXT = '$value';

/**
 * A new wire record with no prototype (the JSON reader's, where it costs nothing): a key read from a reply
 * (`__proto__`, `constructor`, `toString`) is only ever an own data property, never the prototype nor inherited.
 */
export function emptyRecord(): WireRecord {
  return Object.create(null) as WireRecord;
}

/**
 * Sets a field of a wire record read from a reply: a key named `__proto__` becomes an own data property, never
 * the record's prototype (for plain records, which V8 keeps faster than prototype-less ones on the SOAP path).
 */
export function setField(record: WireRecord, name: string, value: WireValue): void {
  if (name === '__proto__')
    Object.defineProperty(record, name, { value, enumerable: true, writable: true, configurable: true });
  else record[name] = value;
}

/** A record's own field, never an inherited property (`constructor`, `toString`). */
export function ownField(record: WireRecord, name: string): WireValue | undefined {
  return Object.prototype.hasOwnProperty.call(record, name) ? record[name] : undefined;
}

/** Keys that never become keys of a typed result: on a plain object they would reach or shadow its prototype. */
export const PROTOTYPE_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);
