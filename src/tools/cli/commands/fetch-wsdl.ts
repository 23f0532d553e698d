// `sogenactif fetch-wsdl`: each service's live ?wsdl and every document it imports (fetchWsdls), written only when
// all were fetched; a network failure (FetchWsdlNetworkError) is a transport error (exit 3), a refusal a usage error.
import type { Command } from 'commander';
import { services } from 'sogenactif-office/internal';
import { TransportFailed, UsageError } from '../failures';
import type { ProgramIo } from '../io';
import { insecureHttpHint } from '../merchant-client';
import { positiveInt, repeatable } from '../options';
import { didYouMean } from '../suggest';

/** Adds `fetch-wsdl` to `program`. */
export function addFetchWsdlCommand(program: Command, io: ProgramIo): void {
  program
    .command('fetch-wsdl')
    .description("Download each service's ?wsdl and every XSD it imports, rewriting imports to the local files")
    .requiredOption('--env <env>', 'PROD, TEST or a base URL')
    .requiredOption('--out <dir>', 'folder to write the files to')
    .addOption(repeatable('--service <name>', 'service to fetch (repeatable)', 'all nine'))
    .option('--timeout-ms <n>', 'deadline per download', positiveInt)
    .addOption(
      repeatable(
        '--allow-host <host>',
        'another host (name or name:port) imports and redirects may lead to (repeatable)',
        "only the environment's origin",
      ),
    )
    .option('--max-bytes <n>', 'largest document, as received and once decoded (default 8 MiB)', positiveInt)
    .option('--max-documents <n>', 'most documents one fetch saves, WSDLs and imports (default 100)', positiveInt)
    .option('--max-total-bytes <n>', 'most bytes all the documents add up to, decoded (default 32 MiB)', positiveInt)
    .option(
      '--allow-insecure-http',
      'allow a plain http:// --env URL to a host that is not this machine (a documented risk)',
    )
    .addHelpText(
      'after',
      '\nNothing is written unless every document was fetched: a failure leaves --out as it was (exit 3 for a ' +
        'network\nfailure or an HTTP error, 2 for a refused import or redirect).',
    )
    .action(
      async (options: {
        env: string;
        out: string;
        service: string[];
        timeoutMs?: number;
        allowHost: string[];
        maxBytes?: number;
        maxDocuments?: number;
        maxTotalBytes?: number;
        allowInsecureHttp?: boolean;
      }) => {
        const { fetchWsdls, FetchWsdlNetworkError } = await import('../../contract/fetch');
        const known = Object.keys(services);
        const unknown = options.service.filter((s) => !known.includes(s));
        if (unknown.length > 0)
          throw new UsageError(
            `unknown service ${unknown.join(', ')}${unknown.map((name) => didYouMean(name, known)).join('')}` +
              `; known: ${known.join(', ')}`,
          );
        let fetched;
        try {
          fetched = await insecureHttpHint(() =>
            fetchWsdls({
              environment: options.env,
              outDir: options.out,
              services: options.service.length > 0 ? options.service : known,
              ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
              ...(options.maxBytes ? { maxBytes: options.maxBytes } : {}),
              ...(options.maxDocuments ? { maxDocuments: options.maxDocuments } : {}),
              ...(options.maxTotalBytes ? { maxTotalBytes: options.maxTotalBytes } : {}),
              ...(options.allowInsecureHttp ? { allowInsecureHttp: true } : {}),
              allowHosts: options.allowHost,
            }),
          );
        } catch (error) {
          // A network failure (refused, unknown host, reset, timed out, an HTTP error) is a transport error: exit 3.
          if (error instanceof FetchWsdlNetworkError) throw new TransportFailed(error.message);
          throw error;
        }
        for (const file of fetched) io.stdout(`${file.url} -> ${options.out}/${file.file}\n`);
      },
    );
}
