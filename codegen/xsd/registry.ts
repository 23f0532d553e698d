// Declarations by {namespace}local, with the lenient lookup real WSDLs need (undeclared prefixes, imports
// declared under the wrong namespace).
import type { QName } from '../parse';

/** The identity of a declaration: `{namespace}local`. */
export const key = (namespace: string, local: string): string => `{${namespace}}${local}`;

/** A declaration registry by {namespace}local; the first declaration of a name wins. */
export class Registry<T> {
  private readonly exact = new Map<string, T>();
  private readonly byLocal = new Map<string, { namespace: string; value: T }[]>();

  add(namespace: string, local: string, value: T): void {
    const k = key(namespace, local);
    if (this.exact.has(k)) return; // the first declaration wins, as in every schema processor we know
    this.exact.set(k, value);
    const list = this.byLocal.get(local) ?? [];
    list.push({ namespace, value });
    this.byLocal.set(local, list);
  }

  /**
   * The declaration a QName names. When the exact {namespace}local is missing (an undeclared prefix, an
   * import declared under the wrong namespace), the one declaration with that local name, preferring
   * the `near` namespace: node-soap matches by local name alone, so such WSDLs exist and work.
   */
  find(qname: QName, near?: string): { namespace: string; value: T } | undefined {
    if (qname.namespace !== undefined) {
      const value = this.exact.get(key(qname.namespace, qname.local));
      if (value !== undefined) return { namespace: qname.namespace, value };
    }
    const candidates = this.byLocal.get(qname.local) ?? [];
    if (candidates.length === 1) return candidates[0];
    const near1 = candidates.filter((c) => c.namespace === near);
    return near1.length === 1 ? near1[0] : undefined;
  }

  /** How many declarations are registered (grows as documents are read). */
  get size(): number {
    return this.exact.size;
  }

  values(): T[] {
    return [...this.exact.values()];
  }
}
