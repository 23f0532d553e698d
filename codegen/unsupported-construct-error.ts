// The model stage's one error: a WSDL or XSD construct it cannot read, naming the file and the construct.
import { reportText } from './escape';

/**
 * A construct the generator cannot turn into a contract (a remote import, WSDL 2.0, a type deriving from itself, ...).
 */
export class UnsupportedConstructError extends Error {
  override readonly name = 'UnsupportedConstructError';
  constructor(
    readonly source: string,
    readonly construct: string,
    detail: string,
  ) {
    // Names and locations come from the contract: one escaped line (escape.ts), whatever they hold.
    super(`${reportText(source)}: unsupported ${reportText(construct)}: ${reportText(detail, 500)}`);
  }
}
