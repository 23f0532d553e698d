// Where the tools package's own contract lives: wsdl/ three folders above this module, in the sources (the
// repository's wsdl/) and in the build alike (scripts/build.js copies it to packages/tools/dist/wsdl).
import * as path from 'node:path';

const WSDL_DIR = path.resolve(__dirname, '../../../wsdl');

/** The contract's WSDLs and common.xsd. */
export function defaultWsdlDir(): string {
  return WSDL_DIR;
}

/** The contract's data dictionary (wsdl/dictionary). */
export function packagedDictionaryDir(): string {
  return path.join(WSDL_DIR, 'dictionary');
}
