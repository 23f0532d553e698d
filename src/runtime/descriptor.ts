// Shapes of the declarative metadata that generated code hands to the runtime, and the one reader of value lists.
// Generated files import only these types (and nothing else) from the runtime.

/**
 * 'any': xs:anyType (and what an xs:any allows): text, or an object of child elements with the element's attributes
 * under '$attributes' and its text under '$value'; not checked.
 */
/** A qualified element whose namespace is the using operation's (types shared by chameleon include). */
export const CONTEXT_NAMESPACE = '##targetNamespace';

export type PrimitiveType = 'string' | 'integer' | 'number' | 'decimal' | 'boolean' | 'base64' | 'any';

export type FieldType = PrimitiveType | { readonly enum: string } | { readonly struct: string };

export interface FieldFacets {
  readonly maxLength?: number;
  readonly minLength?: number;
  readonly pattern?: string;
  readonly minInclusive?: number;
  readonly maxInclusive?: number;
  /** The expected format in words, from the data dictionary ("the ISO 4217 numeric code"), for error messages. */
  readonly format?: string;
  /** The dictionary's example of a valid value ("978 for EUR"), for error messages. */
  readonly example?: string;
}

export type Sensitivity = 'pan' | 'csc' | 'iban' | 'secret';

export interface FieldDescriptor {
  /** Property name in the typed objects, and the name used by the seal. */
  readonly name: string;
  /** Element local name on the wire when it differs from `name`. */
  readonly element?: string;
  /**
   * Namespace of a qualified element (or attribute) when it differs from its struct's `ns`; '' for an
   * unqualified one in a struct that has an `ns`. CONTEXT_NAMESPACE: the namespace of the operation using
   * the type (a schema included "chameleon" into each service). Read it through `fieldsOf(struct)`.
   */
  readonly ns?: string;
  /** An XML attribute of the enclosing element rather than a child element. */
  readonly attribute?: true;
  /** The enclosing element's text content (xs:simpleContent); its name is '$value'. */
  readonly text?: true;
  /** xs:nillable: null travels as xsi:nil="true" both ways. */
  readonly nillable?: true;
  readonly type: FieldType;
  readonly required?: true;
  /** 'repeated': the element itself repeats; an object: a wrapper element holding repeated `item` elements. */
  readonly list?: 'repeated' | { readonly item: string; readonly ns?: string };
  readonly facets?: FieldFacets;
  /** xs:list: an array of values of `type`, travelling as one whitespace-separated text. */
  readonly tokens?: true;
  /**
   * The struct `type` names is abstract: a value is one of these derived structs (by name), chosen with its `$type`
   * property and sent with xsi:type (namespace `ns`, local name `type`); a reply's xsi:type picks the struct read.
   */
  readonly derived?: Readonly<Record<string, { readonly ns: string; readonly type: string }>>;
  /** fixed=: the only value allowed (wire text); sent when the caller gives none, anything else refused. */
  readonly fixed?: string;
  /** default=: the value read (wire text) when the attribute is absent or the element empty. */
  readonly default?: string;
  /** Interface version (e.g. '2.29') in which the field appeared, when it differs from its struct's `since`. */
  readonly since?: string;
  readonly sensitive?: Sensitivity;
}

export interface StructDescriptor {
  /** Namespace of every field that names none (said once here rather than on each field); absent: unqualified. */
  readonly ns?: string;
  /** Interface version every field that names none appeared in. */
  readonly since?: string;
  readonly fields: readonly FieldDescriptor[];
  /** xs:any: properties the schema does not name are sent as unqualified elements and read back as they come. */
  readonly any?: true;
  /**
   * xs:anyAttribute: attributes the schema does not name travel under '$attributes' (name as written, prefix
   * included, to text), sent on the start tag and kept on read (xmlns and xsi attributes aside).
   */
  readonly anyAttributes?: true;
  /**
   * xs:choice groups: each alternative's field names. A request giving fields of two alternatives is refused
   * naming them; `required`: one alternative must be given.
   */
  readonly choices?: readonly { readonly of: readonly (readonly string[])[]; readonly required?: true }[];
}

export type Outcome = 'success' | 'pending' | 'declined' | 'invalid' | 'authentication' | 'unavailable';

/** One value of a list, said once: the wire value, its meaning (null when it has none) and, for a code, its outcome. */
export type EnumCode = readonly [value: string, meaning?: string | null, outcome?: Outcome];

export interface EnumDescriptor {
  /** One row per value, in the contract's order (codes in code order). */
  readonly codes: readonly EnumCode[];
  /** A documented list for a field the contract types as a string: other values are sent and read as they are. */
  readonly open?: true;
}

const enumIndexes = new WeakMap<
  EnumDescriptor,
  { readonly values: readonly string[]; readonly rows: ReadonlyMap<string, EnumCode> }
>();

function enumIndex(descriptor: EnumDescriptor): {
  readonly values: readonly string[];
  readonly rows: ReadonlyMap<string, EnumCode>;
} {
  let index = enumIndexes.get(descriptor);
  if (index === undefined) {
    index = {
      values: descriptor.codes.map((row) => row[0]),
      rows: new Map(descriptor.codes.map((row) => [row[0], row])),
    };
    enumIndexes.set(descriptor, index);
  }
  return index;
}

/** A list's values in order (read once per descriptor). */
export function enumValues(descriptor: EnumDescriptor | undefined): readonly string[] {
  return descriptor ? enumIndex(descriptor).values : [];
}

/** A value's meaning and outcome; undefined for a value the list does not have (`constructor` included). */
export function enumCode(
  descriptor: EnumDescriptor | undefined,
  value: string,
): { readonly meaning?: string; readonly outcome?: Outcome } | undefined {
  const row = descriptor ? enumIndex(descriptor).rows.get(value) : undefined;
  if (row === undefined) return undefined;
  return { ...(row[1] ? { meaning: row[1] } : {}), ...(row[2] ? { outcome: row[2] } : {}) };
}

export interface SchemaTables {
  readonly structs: Readonly<Record<string, StructDescriptor>>;
  readonly enums: Readonly<Record<string, EnumDescriptor>>;
}

export type OperationCategory = 'read' | 'payment' | 'cash' | 'initialize' | 'write';

/** The SOAP version of an operation's envelope. */
export type SoapVersion = '1.1' | '1.2';

export interface OperationDescriptor {
  readonly service: string;
  readonly name: string;
  /** Namespace of the body elements. */
  readonly namespace: string;
  readonly soapAction: string;
  readonly soapVersion: SoapVersion;
  /**
   * 'rpc': the body element is the operation wrapper, its children the message parts; any reply wrapper name is
   * accepted.
   */
  readonly style?: 'rpc';
  /** '' when the request's fields sit directly in the SOAP Body (bare document style with zero or several parts). */
  readonly requestElement: string;
  /** '' when the reply's fields sit directly in the SOAP Body, or for a one-way operation. */
  readonly responseElement: string;
  /** Namespace of the reply's body element when it differs from `namespace`. */
  readonly responseNamespace?: string;
  readonly requestWrapper?: string;
  readonly responseWrapper?: string;
  /** Namespace of the request wrapper when the schema qualifies it (replies are matched by local name). */
  readonly requestWrapperNamespace?: string;
  /** Struct names in `schema.structs`. */
  readonly request: string;
  /** The struct of the request's SOAP header blocks: given as the `headers` call option, sent in soap:Header. */
  readonly requestHeaders?: string;
  /** '' for a one-way operation. */
  readonly response: string;
  /** No output message: nothing to read back. */
  readonly oneWay?: true;
  readonly recommendedInterfaceVersion?: string;
  readonly category: OperationCategory;
  /** Response field carrying the outcome (responseCode, walletResponseCode, mandateResponseCode, ...). */
  readonly codeField?: string;
  /** The operation segment of the JSON endpoint (/rs-services/v2/<service>/<jsonPath>) when it differs from `name`. */
  readonly jsonPath?: string;
  /** 'json': the documentation lists only the JSON endpoint; the client uses JSON whatever its default wire. */
  readonly wire?: 'json';
  /**
   * Exactly one of these alternatives must be in the request, each a list of dotted field paths that must all be
   * present: the dictionary's rule for what the WSDL cannot say (an operation on an existing transaction takes
   * `transactionReference` or the s10 pair). The client checks it before sending, naming every field.
   */
  readonly requiresOneOf?: readonly (readonly string[])[];
  /**
   * The WSDL's soap:address, for a contract that is not a Sips Office one: calls go there (an environment given
   * as a base URL replaces its scheme, host and port) rather than to /services/v2/<service>.
   */
  readonly address?: string;
  readonly schema: SchemaTables;
}

export interface ServiceDescriptor {
  readonly name: string;
  readonly namespace: string;
  readonly interfaceVersionPrefix?: string;
  readonly operations: Readonly<Record<string, OperationDescriptor>>;
}

export interface CallOptions {
  /** Overrides the client's timeout for this call. */
  readonly timeoutMs?: number;
  /** Aborts the call; an abort after sending leaves the outcome unknown. */
  readonly signal?: AbortSignal;
  /**
   * After cancel, validate, refund, acceptChallenge or refuseChallenge: look the transaction up and throw
   * WriteNotConfirmedError unless it shows what was asked (overrides the client's `confirmWrites`).
   */
  readonly confirm?: boolean;
  /** The keyring's merchant for this call (see ClientConfig.merchants); the request's own merchantId does the same. */
  readonly merchantId?: string;
  /** The SOAP header blocks of an operation that declares some (typed by its generated method), checked and sent. */
  readonly headers?: object;
}

/** What generated clients call: one function that runs any operation. */
export type Invoke = <TResponse>(
  operation: OperationDescriptor,
  request: object,
  options?: CallOptions,
) => Promise<TResponse>;
