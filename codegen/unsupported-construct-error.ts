// The model stage's one error: a WSDL or XSD construct it cannot read, naming the file and the construct.

/** A construct the generator cannot turn into a contract (a remote import, WSDL 2.0, a type deriving from itself, ...). */
export class UnsupportedConstructError extends Error {
  override readonly name = 'UnsupportedConstructError';
  constructor(
    readonly source: string,
    readonly construct: string,
    detail: string,
  ) {
    super(`${source}: unsupported ${construct}: ${detail}`);
  }
}
