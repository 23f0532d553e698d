// The errors a wire reports: text not well-formed in its syntax, a reply of another shape, a request a server cannot
// read. A leaf module, so the wires' readers (xml.ts, json/parse.ts) and the seam import them without a cycle.
import type { OperationDescriptor } from '../descriptor';
/** Text that is not well-formed in the wire's syntax (XmlSyntaxError, JsonSyntaxError). */
export class WireSyntaxError extends Error {}

/** Well-formed text that is not this operation's reply (another envelope version, another body element). */
export class ReplyShapeError extends Error {
  override readonly name = 'ReplyShapeError';
}

/**
 * A request a server cannot read. `kind`: `syntax` (not well-formed), `envelope` (not this wire's envelope, or an
 * empty body), `operation` (no operation of the service answers to it), `wrapper` (a wrapper element missing).
 * `field` names the part and `problem` says what it must be (as a FieldIssue does); `operation` when it was found.
 */
export class RequestShapeError extends Error {
  override readonly name = 'RequestShapeError';
  constructor(
    message: string,
    readonly kind: 'syntax' | 'envelope' | 'operation' | 'wrapper',
    readonly field: string,
    readonly problem: string,
    readonly operation?: OperationDescriptor,
  ) {
    super(message);
  }
}
