// One request through the gateway's rules, whatever wire carried it: merchant (03), seal over the text as
// sent (34), return URLs (30), mandatory fields and formats (12/30), 90/99 triggers, then the business handler.
import {
  buildWireRecord,
  computeSeal,
  type FieldIssue,
  isSealAlgorithm,
  type OperationDescriptor,
  RESENDABLE_CODES,
  ResponseCode,
  SEAL_ERROR_CODE,
  type SealAlgorithmName,
  sealsMatch,
  structOf,
  UNKNOWN_MERCHANT_CODE,
  versionNumber,
  type WireRecord,
} from 'sogenactif-office/internal';
import type { SealVerdict } from './exchange-log';
import type { FaultTrigger } from './faults';
import type { Handler, Reply } from './handlers';
import { canonicalRecord } from './lexical';
import { badUrlField } from './urls';

export interface SimulatorMerchant {
  readonly merchantId: string;
  readonly secretKey: string;
  readonly keyVersion: number;
  /**
   * Every key version the simulator accepts for this merchant, by version (several during a key rotation); set by
   * the simulator from its merchants list, where one merchantId may appear once per version. Absent: only keyVersion.
   */
  readonly versions?: ReadonlyMap<number, string>;
}

/** The public test merchant of the Sips documentation. */
export const DEFAULT_MERCHANT: SimulatorMerchant = {
  merchantId: '002001000000001',
  secretKey: '002001000000001_KEY1',
  keyVersion: 1,
};

/** The merchants list by merchantId, each with every version listed for it (the highest as secretKey/keyVersion). */
export function merchantsById(list: readonly SimulatorMerchant[]): Map<string, SimulatorMerchant> {
  const byId = new Map<string, SimulatorMerchant>();
  for (const entry of list) {
    const known = byId.get(entry.merchantId);
    const versions = new Map(known?.versions ?? []);
    versions.set(entry.keyVersion, entry.secretKey);
    const highest = Math.max(...versions.keys());
    byId.set(entry.merchantId, {
      merchantId: entry.merchantId,
      keyVersion: highest,
      secretKey: versions.get(highest)!,
      versions,
    });
  }
  return byId;
}

export interface Dispatched {
  /** The reply's fields (code field included), before sealing. */
  readonly fields: Reply;
  /** The merchant to seal the reply for (absent: unknown merchant, the reply goes unsealed). */
  readonly merchant?: SimulatorMerchant;
  readonly algorithm: SealAlgorithmName;
  readonly seal: SealVerdict;
}

/** Who sent a request, as far as its seal proves it: the verdict, the merchant it names (if known), its algorithm. */
export interface SealCheck {
  readonly verdict: Exclude<SealVerdict, 'not read'>;
  /** The merchant the request names, when the simulator knows it (the reply is sealed for it, even for a 34). */
  readonly merchant?: SimulatorMerchant;
  readonly algorithm: SealAlgorithmName;
}

/**
 * The gateway's first rules, merchant (03) then seal (34): only a `valid` verdict proves the request came from the
 * merchant it names. The exchange path reads it before anything else (log bucket, fault triggers).
 */
export function checkRequestSeal(record: WireRecord, merchants: ReadonlyMap<string, SimulatorMerchant>): SealCheck {
  const merchant = merchants.get(typeof record.merchantId === 'string' ? record.merchantId : '');
  const algorithm =
    typeof record.sealAlgorithm === 'string' && isSealAlgorithm(record.sealAlgorithm)
      ? record.sealAlgorithm
      : 'HMAC-SHA-256';
  const check = (verdict: SealCheck['verdict']): SealCheck => ({
    verdict,
    algorithm,
    ...(merchant ? { merchant } : {}),
  });
  if (!merchant) return check('unknown merchant');
  if (typeof record.seal !== 'string' || record.seal === '') return check('missing');
  const keyVersion = typeof record.keyVersion === 'string' ? Number(record.keyVersion) : NaN;
  const secretKey = merchant.versions
    ? merchant.versions.get(keyVersion)
    : keyVersion === merchant.keyVersion
      ? merchant.secretKey
      : undefined;
  if (secretKey === undefined) return check('wrong keyVersion');
  // The seal is checked over exactly what the client wrote: no value is re-serialised first.
  if (!sealsMatch(computeSeal(record, secretKey, algorithm), record.seal)) return check('invalid');
  // The reply is sealed with the key version the request used.
  return { verdict: 'valid', algorithm, merchant: { merchantId: merchant.merchantId, keyVersion, secretKey } };
}

/**
 * Runs `record` (the request's fields as the text the client wrote) through the rules. `trigger` is the
 * fault trigger that fires for this request (only 90 and 99 act here; the wire applies the others).
 */
export function dispatch(
  operation: OperationDescriptor,
  record: WireRecord,
  merchants: ReadonlyMap<string, SimulatorMerchant>,
  handler: Handler | undefined,
  trigger: FaultTrigger | undefined,
): Dispatched {
  const codeField = operation.codeField ?? 'responseCode';
  const { verdict, merchant, algorithm } = checkRequestSeal(record, merchants);
  const answer = (fields: Reply, seal: SealVerdict): Dispatched => ({
    fields,
    algorithm,
    seal,
    ...(merchant ? { merchant } : {}),
  });
  if (!merchant) return answer({ [codeField]: UNKNOWN_MERCHANT_CODE }, verdict);
  if (verdict !== 'valid') return answer({ [codeField]: SEAL_ERROR_CODE }, verdict);
  const struct = structOf(operation.schema, operation.request);
  const request = canonicalRecord(record, struct, operation.schema);
  const badUrl = badUrlField(request);
  if (badUrl) return answer({ [codeField]: ResponseCode['30'], errorFieldName: badUrl }, 'valid');
  const issues: FieldIssue[] = [];
  const version = typeof request.interfaceVersion === 'string' ? versionNumber(request.interfaceVersion) : undefined;
  buildWireRecord(struct, request, {
    schema: operation.schema,
    issues,
    acceptText: true,
    ...(version ? { version } : {}),
  });
  if (issues.length > 0) {
    const missing = issues.find((i) => i.kind === 'required');
    const first = missing ?? issues[0]!;
    return answer(
      { [codeField]: missing ? ResponseCode['12'] : ResponseCode['30'], errorFieldName: first.field.split(/[.[]/)[0] },
      'valid',
    );
  }
  if (trigger && RESENDABLE_CODES.includes(trigger.name)) return answer({ [codeField]: trigger.name }, 'valid');
  if (!handler) return answer({ [codeField]: ResponseCode['40'] }, 'valid');
  return answer(handler(request, merchant.merchantId), 'valid');
}
