// Which merchant of the keyring a call is for: `CallOptions.merchantId` or the request's own `merchantId`
// (taken out of the request: the client fills it), else the only merchant configured.
import type { CallOptions } from '../descriptor';
import { InvalidRequestError } from '../errors';
import type { Settings } from './config';

/**
 * The Settings of the call's merchant and the request without its merchantId (InvalidRequestError naming merchantId).
 */
export function merchantSettings(
  defaults: Settings,
  name: string,
  request: object,
  options: CallOptions,
): { settings: Settings; request: object } {
  const given =
    request !== null && typeof request === 'object' ? (request as Record<string, unknown>).merchantId : undefined;
  const refuse = (problem: string): never => {
    throw new InvalidRequestError(`${name}: merchantId ${problem}`, {
      operation: name,
      fields: [{ field: 'merchantId', problem }],
    });
  };
  if (given !== undefined && options.merchantId !== undefined && given !== options.merchantId)
    refuse('differs between the request and the call options');
  const wanted = options.merchantId ?? given;
  let rest = request;
  if (given !== undefined) {
    const { merchantId: _taken, ...others } = request as Record<string, unknown>;
    rest = others;
  }
  if (wanted === undefined) {
    if (defaults.merchants.size > 1)
      refuse(
        `is required: the client holds ${defaults.merchants.size}` +
          ` merchants; pass it in the request or in the call options`,
      );
    return { settings: defaults, request: rest };
  }
  const settings = typeof wanted === 'string' ? defaults.merchants.get(wanted) : undefined;
  if (!settings) return refuse("is not one of the client's merchants (configure its keys)");
  return { settings, request: rest };
}
