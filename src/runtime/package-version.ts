// The version of the installed package a file belongs to: the nearest package.json above it named
// sogenactif-office or sogenactif-office-tools (the CLI, the gateway bin; in the sources and in both packages).
import * as fs from 'node:fs';
import * as path from 'node:path';

// The repository root (sogenactif-office-repo) carries the same version: the sources find it there.
const PACKAGE_NAMES = ['sogenactif-office', 'sogenactif-office-tools', 'sogenactif-office-repo'];

/** `{ name, version }` of the package holding `dir` (walks up at most 6 folders), or undefined when none is found. */
export function ownPackage(dir: string): { readonly name: string; readonly version: string } | undefined {
  let current = path.resolve(dir);
  for (let depth = 0; depth < 6; depth++) {
    try {
      const pkg = JSON.parse(fs.readFileSync(path.join(current, 'package.json'), 'utf8')) as {
        name?: unknown;
        version?: unknown;
      };
      if (typeof pkg.name === 'string' && PACKAGE_NAMES.includes(pkg.name) && typeof pkg.version === 'string')
        return { name: pkg.name, version: pkg.version };
    } catch {
      // No readable package.json here: look one folder up.
    }
    const parent = path.dirname(current);
    if (parent === current) break;
    current = parent;
  }
  return undefined;
}

/** The `--version` line: the version, or `unknown` when no package.json of ours is found above `dir`. */
export function packageVersion(dir: string): string {
  return ownPackage(dir)?.version ?? 'unknown';
}
