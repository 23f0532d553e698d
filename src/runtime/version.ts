// Interface version arithmetic ("IR_WS_2.58" -> "2.58", 2.9 < 2.21 < 2.58): a leaf module with no
// imports, shared by the runtime (since-version checks) and the generator (diff, describe).

/** "2.58" from "MR_WS_2.58"; undefined when the version has no number. */
export function versionNumber(interfaceVersion: string): string | undefined {
  return /_(\d+(?:\.\d+)*)$/.exec(interfaceVersion)?.[1];
}

/** Numeric comparison of dotted versions: 2.9 < 2.21 < 2.58. */
export function compareVersions(a: string, b: string): number {
  const pa = versionParts(a);
  const pb = versionParts(b);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

// Parsed once per version string (every field carries a `since`; requests compare them all). Bounded.
const versionCache = new Map<string, readonly number[]>();
function versionParts(version: string): readonly number[] {
  let parts = versionCache.get(version);
  if (!parts) {
    parts = version.split('.').map(Number);
    if (versionCache.size < 1000) versionCache.set(version, parts);
  }
  return parts;
}
