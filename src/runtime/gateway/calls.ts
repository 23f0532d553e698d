// The gateway's two wires for callers: a request read into its operation and fields by the runtime's wire
// (protocols[wire].readRequest: the SOAP envelope, or the JSON object under its path), each refusal answered on the
// caller's own wire (the verified reply as Sogenactif sent it, or a documented answer).
import type { OperationDescriptor, ServiceDescriptor } from '../descriptor';
import { protocols, RequestShapeError, type Wire } from '../wire';
import { type WireRecord } from '../record';
import { wireError, type Answer, type GatewayError } from './answers';

/** The operation and its fields as the caller wrote them, or the gateway's answer refusing the call. */
export type ReadCall =
  | { readonly ok: true; readonly operation: OperationDescriptor; readonly record: WireRecord }
  | { readonly ok: false; readonly error: GatewayError };

/**
 * A caller's request to `service` on `wire` read into its operation and fields (`segment`: the JSON path's operation).
 * Not well-formed, not an envelope, a wrapper missing: InvalidRequest naming the part; no such operation: NotFound.
 */
export function readCall(wire: Wire, service: ServiceDescriptor, body: string, segment?: string): ReadCall {
  try {
    const { operation, record } = protocols[wire].readRequest(service, body, segment);
    // An operation documented on the JSON wire only has no SOAP form.
    if (wire === 'soap' && operation.wire === 'json')
      return {
        ok: false,
        error: {
          code: 'NotFound',
          message:
            `${service.name}.${operation.name} is documented on the JSON wire only (POST /rs-services/v2/` +
            `${service.name}/${operation.jsonPath ?? operation.name})`,
        },
      };
    return { ok: true, operation, record };
  } catch (error) {
    if (!(error instanceof RequestShapeError)) throw error;
    if (error.kind === 'operation') return { ok: false, error: { code: 'NotFound', message: error.message } };
    const where = error.operation ? `${service.name}.${error.operation.name}` : service.name;
    return {
      ok: false,
      error: {
        code: 'InvalidRequest',
        message: `${where}: ${error.message}`,
        fields: [{ field: error.field, problem: error.problem }],
      },
    };
  }
}

/** A gateway answer on the caller's wire, written by the wire (protocols[wire].errorAnswer). */
export function errorAnswer(wire: Wire, error: GatewayError): Answer {
  return protocols[wire].errorAnswer(wireError(error));
}
