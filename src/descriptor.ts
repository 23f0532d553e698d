// Shapes of the declarative metadata that generated code hands to the runtime.
// Generated files import only these types (and nothing else) from the runtime.

export type PrimitiveType = 'string' | 'integer' | 'number' | 'decimal' | 'boolean' | 'base64';

export type FieldType = PrimitiveType | { readonly enum: string } | { readonly struct: string };

export interface FieldFacets {
  readonly maxLength?: number;
  readonly minLength?: number;
  readonly pattern?: string;
  readonly minInclusive?: number;
  readonly maxInclusive?: number;
}

export type Sensitivity = 'pan' | 'csc' | 'iban' | 'secret';

export interface FieldDescriptor {
  /** Property name in the typed objects, and the name used by the seal. */
  readonly name: string;
  /** Element local name on the wire when it differs from `name`. */
  readonly element?: string;
  /** Namespace of a qualified element; absent for unqualified local elements. */
  readonly ns?: string;
  readonly type: FieldType;
  readonly required?: true;
  /** 'repeated': the element itself repeats; an object: a wrapper element holding repeated `item` elements. */
  readonly list?: 'repeated' | { readonly item: string; readonly ns?: string };
  readonly facets?: FieldFacets;
  /** Interface version (e.g. '2.29') in which the field appeared. */
  readonly since?: string;
  readonly sensitive?: Sensitivity;
}

export interface StructDescriptor {
  readonly fields: readonly FieldDescriptor[];
}

export type Outcome = 'success' | 'pending' | 'declined' | 'invalid' | 'authentication' | 'unavailable';

export interface EnumDescriptor {
  readonly values: readonly string[];
  readonly meanings?: Readonly<Record<string, string>>;
  readonly outcomes?: Readonly<Record<string, Outcome>>;
}

export interface SchemaTables {
  readonly structs: Readonly<Record<string, StructDescriptor>>;
  readonly enums: Readonly<Record<string, EnumDescriptor>>;
}

export type OperationCategory = 'read' | 'payment' | 'cash' | 'initialize' | 'write';

export interface OperationDescriptor {
  readonly service: string;
  readonly name: string;
  /** Namespace of the body elements. */
  readonly namespace: string;
  readonly soapAction: string;
  readonly soapVersion: '1.1' | '1.2';
  readonly requestElement: string;
  readonly responseElement: string;
  readonly requestWrapper?: string;
  readonly responseWrapper?: string;
  /** Struct names in `schema.structs`. */
  readonly request: string;
  readonly response: string;
  readonly recommendedInterfaceVersion?: string;
  readonly category: OperationCategory;
  /** Response field carrying the outcome (responseCode, walletResponseCode, mandateResponseCode, ...). */
  readonly codeField?: string;
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
}

/** What generated clients call: one function that runs any operation. */
export type Invoke = <TResponse>(operation: OperationDescriptor, request: object, options?: CallOptions) => Promise<TResponse>;
