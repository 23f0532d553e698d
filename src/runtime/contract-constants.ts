// Request field names both the generator and the runtime know: the ones the client fills itself. One
// definition: codegen leaves them out of (or makes them optional in) the request types, the client sets them.

/** Request fields the client fills from its configuration: never part of a typed request. */
export const CONFIG_FIELDS = ['merchantId', 'keyVersion', 'seal', 'sealAlgorithm'] as const;

/** Request fields the client defaults (from `interfaceVersions`, else the operation's recommended version). */
export const DEFAULTED_FIELDS = ['interfaceVersion'] as const;
