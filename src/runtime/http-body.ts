// A request body read within a size limit, for the servers built on the runtime (the sealing gateway) and beside
// it (the simulator): one reader, so both refuse an oversized body the same way.
import type * as http from 'node:http';

/** A request body past the limit, declared or streamed: the server answers 413. */
export class PayloadTooLarge extends Error {}

/**
 * The body as UTF-8 text; PayloadTooLarge past `maxBytes`. Past the limit the rest is read and dropped, so the 413
 * can still be answered on the connection (the server's request deadline bounds the reading).
 */
export function readBody(request: http.IncomingMessage, maxBytes: number): Promise<string> {
  return new Promise((resolve, reject) => {
    if (Number(request.headers['content-length'] ?? 0) > maxBytes) {
      request.resume();
      reject(new PayloadTooLarge());
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let refused = false;
    request.on('data', (chunk: Buffer) => {
      if (refused) return;
      size += chunk.length;
      if (size > maxBytes) {
        refused = true;
        chunks.length = 0;
        reject(new PayloadTooLarge());
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}
