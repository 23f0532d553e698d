// HTTP plumbing shared by the simulator's adapters and pages: send a reply (a SOAP Fault among them), read a body
// within a size limit and a deadline, tell a browser's form post from an API call.
import type * as http from 'node:http';
import { protocols, type WireAnswer } from 'sogenactif-office/internal';

export { PayloadTooLarge, readBody } from 'sogenactif-office/internal';

/** Sends `body` with its length and content type. */
export function send(response: http.ServerResponse, status: number, contentType: string, body: string): void {
  response.writeHead(status, { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(body) });
  response.end(body);
}

/** Sends an answer as a wire wrote it (protocols[wire].errorAnswer). */
export function sendAnswer(response: http.ServerResponse, answer: WireAnswer): void {
  send(response, answer.status, answer.contentType, answer.body);
}

/**
 * Answers HTTP 500 with a SOAP 1.1 Fault (the SOAP wire's error answer): soap:Client for a refused request,
 * soap:Server for the simulator's own.
 */
export function sendSoapFault(response: http.ServerResponse, side: 'Client' | 'Server', message: string): void {
  sendAnswer(response, protocols.soap.errorAnswer({ status: 500, side, reason: message }));
}

/**
 * Gives the request's body `ms` milliseconds to arrive in full once its headers are in: past that, a slow (or
 * stalled) sender gets 408 and its connection is closed, so slow bodies cannot hold connections and memory.
 * Returns the timer's cancel (also cancelled when the response is finished or the connection closes).
 */
export function limitBodyTime(request: http.IncomingMessage, response: http.ServerResponse, ms: number): () => void {
  const timer = setTimeout(() => {
    if (request.complete) return;
    const socket = request.socket;
    if (response.headersSent) return void socket.destroy();
    // The body may still be trickling in: the connection ends once the 408 is out.
    response.writeHead(408, { 'Content-Type': 'text/plain; charset=utf-8', Connection: 'close' });
    response.end(`request body not received within ${ms} ms`, () => socket.destroy());
  }, ms);
  const cancel = (): void => clearTimeout(timer);
  response.once('finish', cancel);
  response.once('close', cancel);
  return cancel;
}

/** Whether the request is a browser's form post that wants a page back (not a JSON answer). */
export function wantsPage(request: http.IncomingMessage): boolean {
  return (
    String(request.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded') &&
    String(request.headers.accept ?? '').includes('text/html')
  );
}
