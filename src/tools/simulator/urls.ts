// Return URLs a request hands to the simulator (merchantReturnUrl, a 3-D Secure TermUrl, ...): only
// absolute http(s) URLs are accepted, so no page of the simulator ever posts to javascript: or data:.
import type { WireRecord } from 'sogenactif-office/internal';

/** Whether `value` is an absolute http: or https: URL. */
export function isWebUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/** The first top-level `...Url` field of a request that is not an http(s) URL (answered 30), if any. */
export function badUrlField(record: WireRecord): string | undefined {
  for (const [name, value] of Object.entries(record)) {
    if (/Url$/i.test(name) && typeof value === 'string' && value !== '' && !isWebUrl(value.trim())) return name;
  }
  return undefined;
}
