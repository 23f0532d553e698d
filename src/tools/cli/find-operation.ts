// The operation `call SERVICE.OPERATION` names, among the generated services; an unknown one is a usage error
// offering the closest names (of the pair, or of the operation alone when the service is missing or wrong).
import { type OperationDescriptor, type ServiceDescriptor, services } from 'sogenactif-office/internal';
import { UsageError } from './failures';
import { didYouMean, editDistance } from './suggest';

/** The operation `SERVICE.OPERATION` names; an unknown one is a usage error offering the closest names. */
export function findOperation(target: string): OperationDescriptor {
  const all = services as Readonly<Record<string, ServiceDescriptor>>;
  const [serviceName, operationName] = target.split('.');
  const operation = all[serviceName ?? '']?.operations[operationName ?? ''];
  if (!operation) {
    const known = Object.values(all).flatMap((s) => Object.keys(s.operations).map((o) => `${s.name}.${o}`));
    // Without a service ("cardOrder"), or with a wrong one, the operation's own name is compared too.
    const byOperation =
      target.includes('.') && all[serviceName ?? '']
        ? []
        : known.filter((name) => editDistance(name.split('.')[1]!, operationName ?? serviceName ?? '') <= 2);
    const suggestion =
      didYouMean(target, known) || (byOperation.length > 0 ? didYouMean(byOperation[0]!, byOperation) : '');
    throw new UsageError(
      `unknown operation "${target.slice(0, 100)}"${suggestion}${suggestion ? '' : ': give SERVICE.OPERATION'}` +
        ` (\`sogenactif describe\` lists the ${known.length} operations of ${Object.keys(all).join(', ')})`,
    );
  }
  return operation;
}
