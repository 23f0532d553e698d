// The intermediate representation between the WSDL/XSD documents and the emitters.
// Plain, readonly and JSON-serialisable: `sogenactif generate --print-model` dumps it as is.
import type {
  FieldFacets,
  OperationCategory,
  Outcome,
  PrimitiveType,
  Sensitivity,
  SoapVersion,
} from 'sogenactif-office/internal';

// The enums and shapes the runtime's descriptors carry too: one definition, the runtime's (generated code reads them
// there).
export type { OperationCategory, Outcome, Sensitivity, SoapVersion };

/**
 * integer and number become TS numbers; decimal stays a string so no digit is lost; any (xs:anyType or an
 * element without a type) is `unknown`: text, or nested elements as a plain object.
 */
export type Primitive = PrimitiveType;

export type TypeRef =
  | { readonly kind: 'primitive'; readonly primitive: Primitive }
  | { readonly kind: 'enum'; readonly name: string }
  | { readonly kind: 'struct'; readonly name: string };

/** XSD facets a field's value is checked against. */
export type Facets = FieldFacets;

export interface FieldModel {
  readonly kind: 'field';
  /** TypeScript property name (also the seal name): the wire name, '$value' for text content, suffixed on a clash. */
  readonly name: string;
  /** Element (or attribute) local name on the wire; '' for text content. */
  readonly element: string;
  /** Namespace on the wire, computed from the schema (form, elementFormDefault, ref=); '' when unqualified. */
  readonly namespace: string;
  /** An XML attribute of the element, or its text content (xs:simpleContent); absent for a child element. */
  readonly xml?: 'attribute' | 'text';
  /** xs:nillable: null is sent and read as xsi:nil="true". */
  readonly nillable?: boolean;
  readonly type: TypeRef;
  readonly required: boolean;
  /** 'wrapped': wrapper element holding repeated `item` elements; 'repeated': the element itself repeats. */
  readonly list?:
    { readonly kind: 'wrapped'; readonly item: string; readonly itemNamespace: string } | { readonly kind: 'repeated' };
  readonly facets?: Facets;
  /** xs:list: the value is an array of the item type, sent as one whitespace-separated text. */
  readonly tokens?: true;
  /**
   * The field's type is abstract: its value is one of these derived types (struct names), chosen by the caller
   * with `$type` and written with xsi:type="{namespace}local"; a reply's xsi:type picks the struct it is read as.
   */
  readonly derived?: readonly { readonly struct: string; readonly namespace: string; readonly local: string }[];
  /** fixed=: the only value allowed; the client sends it when the caller gives none (wire text). */
  readonly fixed?: string;
  /** default=: the value read when an attribute is absent or an element empty (wire text). */
  readonly default?: string;
  readonly since?: string;
  readonly description?: string;
  readonly sensitive?: Sensitivity;
  /** No dictionary knows this field (a field of a newer release, for the merchant to review). */
  readonly undocumented?: true;
}

export interface StructModel {
  readonly kind: 'struct';
  readonly name: string;
  /** Module (output folder) the type belongs to. */
  readonly module: string;
  readonly xsdName: string;
  readonly description?: string;
  readonly fields: readonly FieldModel[];
  /** xs:any: elements the schema does not name are allowed (typed as an index signature). */
  readonly open?: boolean;
  /** xs:anyAttribute: attributes the schema does not name are kept (sent and read) under `$attributes`. */
  readonly anyAttributes?: true;
  /**
   * xs:choice groups: the fields of each alternative; at most one alternative may be given (exactly one when required).
   */
  readonly choices?: readonly { readonly branches: readonly (readonly string[])[]; readonly required: boolean }[];
}

export interface EnumValueModel {
  readonly value: string;
  readonly meaning?: string;
  readonly outcome?: Outcome;
}

export interface EnumModel {
  readonly kind: 'enum';
  readonly name: string;
  readonly module: string;
  readonly xsdName: string;
  readonly description?: string;
  readonly values: readonly EnumValueModel[];
  /**
   * A documented value list for a field the contract types as a plain string: the known values carry
   * their meanings and outcomes, and any other value is accepted (requests are not checked against it).
   */
  readonly open?: true;
}

/** How much of an operation the official data-dictionary pages show (the rest is inferred, see its inference). */
export type OperationStatus = 'documented' | 'partly documented' | 'inferred';

export interface OperationModel {
  readonly kind: 'operation';
  /** Operation name in the WSDL (the wire name). */
  readonly name: string;
  /** TypeScript method name: the wire name made a valid identifier, unique in the service. */
  readonly identifier: string;
  readonly description?: string;
  readonly soapAction: string;
  readonly soapVersion: SoapVersion;
  /** 'rpc': the body element is the operation wrapper (named after the operation) holding one element per part. */
  readonly style?: 'rpc';
  /** The element in the SOAP Body; local '' when the parts sit directly in the Body (bare, zero or several parts). */
  readonly requestElement: { readonly namespace: string; readonly local: string };
  /** Absent for a one-way operation. */
  readonly responseElement?: { readonly namespace: string; readonly local: string };
  /** Child element of the body element that holds the fields ('input'/'output' in the Worldline style). */
  readonly requestWrapper?: { readonly namespace: string; readonly local: string };
  readonly responseWrapper?: { readonly namespace: string; readonly local: string };
  readonly request: string;
  /** The struct of the request's SOAP header blocks (soap:header), passed as the `headers` call option. */
  readonly requestHeaders?: string;
  /** Absent for a one-way operation (no output message). */
  readonly response?: string;
  readonly recommendedInterfaceVersion?: string;
  readonly category: OperationCategory;
  readonly codeField?: string;
  readonly status?: OperationStatus;
  readonly sources?: readonly string[];
  readonly inference?: string;
  readonly note?: string;
  /** Path of the JSON twin (`/rs-services/v2/<service>/<jsonPath>`) when it differs from the operation name. */
  readonly jsonPath?: string;
  /** 'json' when the documentation lists only the JSON endpoint for this operation. */
  readonly wire?: 'json';
  /** Exactly one of these alternatives (lists of dotted field paths) must be in the request (the dictionary's rule). */
  readonly requiresOneOf?: readonly (readonly string[])[];
  /** No dictionary knows this operation (an operation of a newer release, for the merchant to review). */
  readonly undocumented?: true;
}

export interface ServiceModel {
  readonly kind: 'service';
  /** Service name as used in the endpoint path /services/v2/<name>. */
  readonly name: string;
  readonly source: string;
  readonly namespace: string;
  readonly soapVersion: SoapVersion;
  readonly location?: string;
  readonly interfaceVersionPrefix?: string;
  readonly description?: string;
  readonly operations: readonly OperationModel[];
  /** Not a Sips Office contract (office.ts): its operations are called at `location`, the WSDL's soap:address. */
  readonly foreign?: true;
}

export interface ContractModel {
  readonly kind: 'contract';
  readonly services: readonly ServiceModel[];
  readonly structs: readonly StructModel[];
  readonly enums: readonly EnumModel[];
  /**
   * What the generated code does not fully represent, each naming the construct, the file and the line: broken
   * references (a type, element, message or binding declared nowhere: typed as unknown or skipped, as node-soap
   * and zeep tolerate them) and constructs read but not represented. `--strict` makes them fatal.
   */
  readonly warnings?: readonly ContractWarning[];
  /** Per service: whether the Sips Office dictionary and conventions were applied, and why (see dictionary.ts). */
  readonly decisions?: readonly ContractDecision[];
  /** The document each module (output folder) was read from, by module: the `// source:` line of its files. */
  readonly sources?: Readonly<Record<string, string>>;
}

/** One thing the generated code does not represent as the contract says. */
export interface ContractWarning {
  /** 'broken-reference': declared nowhere; 'not-represented': read, but the generated code loses part of it. */
  readonly kind: 'broken-reference' | 'not-represented';
  readonly file: string;
  /** 1-based line of the construct (absent when the document was built without positions). */
  readonly line?: number;
  /** The construct, as written in the schema: 'xs:union', 'soap:header', 'xs:element ref', ... */
  readonly construct: string;
  readonly detail: string;
}

/** `file:line: construct: detail`, the one-line form `generate` prints. */
export const formatWarning = (w: ContractWarning): string =>
  `${w.file}${w.line !== undefined ? `:${w.line}` : ''}: ${w.construct}: ${w.detail}`;

/** Whether a service is a Sips Office contract and the platform's dictionary applies to it, and why (office.ts). */
export interface ContractDecision {
  readonly service: string;
  /** Recognised as a Sips Office contract (routed to /services/v2/<service>); else calls go to its soap:address. */
  readonly office: boolean;
  /** The dictionary and conventions were applied (recognised, or forced by --dictionary). */
  readonly dictionary: boolean;
  readonly reason: string;
}
/** One operation's dictionary entry. */
export interface DictionaryOperation {
  readonly description?: string;
  readonly recommendedInterfaceVersion?: string;
  readonly status?: OperationStatus;
  readonly kind?: OperationCategory;
  readonly sources?: readonly string[];
  readonly inference?: string;
  readonly note?: string;
  readonly codeField?: string;
  readonly jsonPath?: string;
  /** 'json' when the page lists only the JSON endpoint (the client then always calls it over JSON). */
  readonly wire?: 'json' | 'soap' | 'both';
  /** Paths the data-dictionary page gives: JSON (rs-services) and SOAP endpoint of the operation. */
  readonly endpoints?: { readonly json?: string; readonly soap?: string };
  /**
   * A rule the WSDL cannot say: the request must carry exactly one of these alternatives, each a list of dotted field
   * paths all present (e.g. `[["transactionReference"], ["s10TransactionReference.s10TransactionId",
   * "s10TransactionReference.s10TransactionIdDate"]]` for an operation on an existing transaction).
   */
  readonly requiresOneOf?: readonly (readonly string[])[];
}

/** Data dictionary file shape (wsdl/dictionary/*.json). */
export interface DictionaryFile {
  readonly scope: 'common' | 'service';
  readonly service?: string;
  readonly interfaceVersionPrefix?: string;
  readonly description?: string;
  readonly codeField?: string;
  readonly sources?: Readonly<Record<string, string>>;
  readonly operations?: Readonly<Record<string, DictionaryOperation>>;
  readonly fields?: Readonly<
    Record<
      string,
      {
        readonly description?: string;
        readonly since?: string;
        readonly sensitive?: Sensitivity;
        /** Name of the value list (in `valueLists`) documenting this field when the names differ. */
        readonly valueList?: string;
        /** The expected format in words, shown when a value breaks the field's facets ("the ISO 4217 numeric code"). */
        readonly format?: string;
        /** A valid value, shown with `format` ("978 for EUR"). */
        readonly example?: string;
      }
    >
  >;
  readonly valueLists?: Readonly<
    Record<
      string,
      {
        readonly description?: string;
        readonly values: Readonly<Record<string, string>>;
        readonly outcomes?: Readonly<Record<string, Outcome>>;
      }
    >
  >;
}
