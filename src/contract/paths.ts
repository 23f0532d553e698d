// Where the package's own contract lives, from the sources (src/contract) or the build (dist/src/contract).
import * as fs from 'node:fs';
import * as path from 'node:path';

export function defaultWsdlDir(): string {
  for (const candidate of [path.resolve(__dirname, '../../wsdl'), path.resolve(__dirname, '../../../wsdl')]) {
    if (fs.existsSync(path.join(candidate, 'common.xsd'))) return candidate;
  }
  throw new Error('wsdl/ folder not found beside the package');
}
