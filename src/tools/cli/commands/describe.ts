// `sogenactif describe [SERVICE[.OPERATION]]`: services, endpoints, operations and their fields (codegen/inspect/
// describe.ts describeReport), as text or --json; --required: the mandatory fields and a minimal request.
import type { Command } from 'commander';
import { UsageError } from '../failures';
import { contractInput, contractInputs } from '../contract-input';
import type { ProgramIo } from '../io';
import { allowOutsideOption, repeatable } from '../options';

/** Adds `describe` to `program`. */
export function addDescribeCommand(program: Command, io: ProgramIo): void {
  program
    .command('describe')
    .description('Describe services, endpoints and operations; SERVICE.OPERATION lists every field')
    .argument('[target]', 'SERVICE or SERVICE.OPERATION')
    .addOption(repeatable('--wsdl <file|dir>', 'contract to describe', 'ours'))
    .option('--json', 'print JSON')
    .option(
      '--required',
      'with SERVICE.OPERATION: only the mandatory fields you pass, and a minimal example request for `call`',
    )
    .addOption(allowOutsideOption())
    .action(
      async (
        target: string | undefined,
        options: { wsdl: string[]; json?: boolean; required?: boolean; allowOutside: string[] },
      ) => {
        if (options.required && !target?.includes('.')) throw new UsageError('--required takes SERVICE.OPERATION');
        const { loadModel } = await import('../../../../codegen');
        const { describeReport } = await import('../../../../codegen/inspect/describe');
        io.stdout(
          await contractInput(() =>
            describeReport(
              loadModel(contractInputs(options.wsdl), { allowOutside: options.allowOutside }),
              target,
              options,
            ),
          ),
        );
      },
    );
}
