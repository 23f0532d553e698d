// A small, strict XML reader for SOAP replies: namespaces resolved, no DTD, no external or custom
// entities (only the five predefined ones and character references), size-bounded by the caller.
import { WireSyntaxError } from '../errors';

export interface XmlNode {
  readonly local: string;
  readonly namespace: string;
  readonly attributes: Readonly<Record<string, string>>;
  /** Read-only: every leaf shares one frozen empty list (parseXml makes a list with an element's first child). */
  readonly children: readonly XmlNode[];
  /** Text content (character data and CDATA) directly inside this element. */
  text: string;
}

export class XmlSyntaxError extends WireSyntaxError {
  override readonly name = 'XmlSyntaxError';
  constructor(
    detail: string,
    readonly offset: number,
  ) {
    super(`malformed XML at offset ${offset}: ${detail}`);
  }
}

const PREDEFINED: Readonly<Record<string, string>> = Object.assign(Object.create(null) as Record<string, string>, {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
});
/**
 * Where the name starting at `start` ends, `start` when none starts there: [A-Za-z_:][-A-Za-z0-9_:.]*, the names SOAP
 * replies use. A scan rather than a sticky regex: no match array per tag, which was the largest allocation of a
 * reply's reading (tools/bench/README.md, third pass).
 */
function nameEnd(text: string, start: number): number {
  const first = text.charCodeAt(start);
  const lowerFirst = first | 0x20;
  if (!((lowerFirst >= 97 && lowerFirst <= 122) || first === 95 || first === 58)) return start;
  let j = start + 1;
  while (isNameCode(text.charCodeAt(j))) j++;
  return j;
}

/** A character a name may continue with: [-A-Za-z0-9_:.]. */
function isNameCode(code: number): boolean {
  const lower = code | 0x20;
  return (lower >= 97 && lower <= 122) || (code >= 48 && code <= 58) || code === 95 || code === 45 || code === 46;
}

/** XML end-of-line handling (XML 1.0 §2.11): a literal CR or CRLF reads as LF; `&#13;` stays a CR. */
function normaliseLines(raw: string): string {
  return raw.includes('\r') ? raw.replace(/\r\n?/g, '\n') : raw;
}

const CHARACTER_REFERENCE = /^#(?:x([0-9A-Fa-f]{1,6})|([0-9]{1,7}))$/;

function decode(raw: string, offset: number): string {
  const text = normaliseLines(raw);
  let amp = text.indexOf('&');
  if (amp < 0) return text;
  // One pass from '&' to '&': linear, no callback per reference.
  let out = '';
  let from = 0;
  while (amp >= 0) {
    out += text.slice(from, amp);
    const semi = text.indexOf(';', amp + 1);
    const next = text.indexOf('&', amp + 1);
    if (semi < 0 || (next >= 0 && next < semi) || text.slice(amp + 1, semi).includes('<')) {
      throw new XmlSyntaxError(`unterminated entity reference "${text.slice(amp, amp + 12)}"`, offset);
    }
    out += reference(text.slice(amp + 1, semi), offset);
    from = semi + 1;
    amp = next;
  }
  return out + text.slice(from);
}

function reference(body: string, offset: number): string {
  if (body.charCodeAt(0) !== 35 /* # */) {
    const value = PREDEFINED[body];
    if (value === undefined) throw new XmlSyntaxError(`undeclared entity "&${body.slice(0, 20)};"`, offset);
    return value;
  }
  // Only well-formed references: "&#12abc;" or "&#x;" are refused, not read as a number prefix.
  const match = CHARACTER_REFERENCE.exec(body);
  const code = match ? parseInt(match[1] ?? match[2]!, match[1] !== undefined ? 16 : 10) : NaN;
  if (
    !Number.isInteger(code) ||
    code > 0x10ffff ||
    (code < 0x20 && code !== 9 && code !== 10 && code !== 13) ||
    (code >= 0xd800 && code <= 0xdfff) ||
    code === 0xfffe ||
    code === 0xffff
  ) {
    throw new XmlSyntaxError(`invalid character reference "&${body.slice(0, 10)};"`, offset);
  }
  return String.fromCodePoint(code);
}

/**
 * In-scope namespace bindings as one stack of values per prefix: declaring pushes, closing the element
 * pops, a lookup reads the top. Constant work per declaration, where copying the whole map per element
 * made a reply full of declarations quadratic.
 */
class NamespaceScope {
  private readonly bindings = new Map<string, string[]>([['xml', ['http://www.w3.org/XML/1998/namespace']]]);
  /** Counts pushes, pops and lookups: the fuzz suite bounds the parser's work with it. */
  operations = 0;

  declare(prefix: string, uri: string): void {
    this.operations++;
    const stack = this.bindings.get(prefix);
    if (stack) stack.push(uri);
    else this.bindings.set(prefix, [uri]);
  }

  release(prefixes: readonly string[]): void {
    for (const prefix of prefixes) {
      this.operations++;
      this.bindings.get(prefix)!.pop();
    }
  }

  resolve(prefix: string): string | undefined {
    this.operations++;
    const stack = this.bindings.get(prefix);
    return stack && stack.length > 0 ? stack[stack.length - 1] : undefined;
  }
}

/** Work counters of the last parse in this process (for the linear-time proof in the fuzz suite). */
export const parseStats = { namespaceOperations: 0, elements: 0, attributes: 0 };

const NO_ATTRIBUTES: Record<string, string> = Object.freeze(Object.create(null) as Record<string, string>);
const NO_CHILDREN: readonly XmlNode[] = Object.freeze([]);

/** Deepest element nesting accepted: SOAP replies are shallow; deep nesting is an attack or garbage. */
export const MAX_XML_DEPTH = 256;
// The parser reads this one: a module constant, where `MAX_XML_DEPTH` compiles to a load from `exports` per element.
const DEPTH_LIMIT = MAX_XML_DEPTH;

/** An open element. */
interface Frame {
  readonly node: XmlNode;
  /** Its qualified name as written: its end tag is compared with it. */
  readonly qname: string;
  /** Where its name starts in the text, and its prefix's length (0 without one). */
  readonly nameStart: number;
  readonly prefixLength: number;
  /** Prefixes this element declared: their bindings are popped when it closes. */
  readonly declared: readonly string[] | undefined;
}

/**
 * Parses a whole document and returns its root element. Names scanned and compared in place, character data only
 * sliced when it holds no reference or CR, no startsWith (about a thousand instructions a call): the cardOrder reply's
 * parse 55.2 -> 36.6 k instructions (tools/bench/README.md, fifth pass).
 */
export function parseXml(text: string): XmlNode {
  let i = 0;
  const length = text.length;
  if (text.charCodeAt(0) === 0xfeff) i = 1;
  const stack: Frame[] = [];
  let root: XmlNode | undefined;
  const scope = new NamespaceScope();
  let elements = 0;
  let attributeCount = 0;
  // Where the next '&' and CR are, each found once for the whole document: character data before them is only sliced,
  // not scanned again for references and line ends (decode).
  let amp = text.indexOf('&');
  let cr = text.indexOf('\r');

  while (i < length) {
    // A tag right after a tag (most of a reply) is seen without a call to indexOf.
    const lt = text.charCodeAt(i) === 60 /* < */ ? i : text.indexOf('<', i);
    const stop = lt < 0 ? length : lt;
    if (stop > i) {
      if (amp >= 0 && amp < i) amp = text.indexOf('&', i);
      if (cr >= 0 && cr < i) cr = text.indexOf('\r', i);
      const chunk = text.slice(i, stop);
      if (stack.length > 0) {
        stack[stack.length - 1]!.node.text +=
          (amp < 0 || amp >= stop) && (cr < 0 || cr >= stop) ? chunk : decode(chunk, i);
      } else if (chunk.trim() !== '') throw new XmlSyntaxError('text outside the root element', i);
    }
    if (lt < 0) break;
    i = lt;
    const next = text.charCodeAt(i + 1);
    // A start tag (most of a document) goes straight to its branch: '<?', '<!' and '</' are told by their second
    // character.
    if (next !== 63 /* ? */ && next !== 33 /* ! */ && next !== 47 /* / */) {
      const nameStart = i + 1;
      // The name scanned in place (nameEnd's rule), its first colon noted: no indexOf, no slice but the local name's.
      const lowerFirst = next | 0x20;
      if (!((lowerFirst >= 97 && lowerFirst <= 122) || next === 95 || next === 58)) {
        throw new XmlSyntaxError('bad start tag', i);
      }
      let colon = next === 58 ? nameStart : -1;
      let j = nameStart + 1;
      let code = text.charCodeAt(j);
      for (;;) {
        // Letters first: most of a name.
        if (((code | 0x20) - 97) >>> 0 >= 26) {
          if (code === 58) {
            if (colon < 0) colon = j;
          } else if (!isNameCode(code)) break;
        }
        code = text.charCodeAt(++j);
      }
      const nameStop = j;
      if (stack.length === 0 && root) throw new XmlSyntaxError('more than one root element', i);
      let selfClosing = false;
      let attributes = NO_ATTRIBUTES;
      let declared: string[] | undefined;
      if (code === 62 /* > */) j++;
      else {
        // Made for the first attribute: most elements of a reply have none.
        let rawAttributes: [string, string][] | undefined;
        for (;;) {
          const before = j;
          while (j < length && isSpace(text.charCodeAt(j))) j++;
          if (j >= length) throw new XmlSyntaxError('unterminated start tag', i);
          code = text.charCodeAt(j);
          if (code === 62 /* > */) {
            j++;
            break;
          }
          if (code === 47 /* / */ && text.charCodeAt(j + 1) === 62) {
            selfClosing = true;
            j += 2;
            break;
          }
          if (j === before) throw new XmlSyntaxError('missing space between attributes', j);
          const attributeStart = j;
          j = nameEnd(text, j);
          if (j === attributeStart) throw new XmlSyntaxError('bad attribute name', j);
          const attributeName = text.slice(attributeStart, j);
          while (isSpace(text.charCodeAt(j))) j++;
          if (text.charCodeAt(j) !== 61 /* = */) throw new XmlSyntaxError('attribute without value', j);
          j++;
          while (isSpace(text.charCodeAt(j))) j++;
          const quote = text[j];
          if (quote !== '"' && quote !== "'") throw new XmlSyntaxError('unquoted attribute value', j);
          const end = text.indexOf(quote, j + 1);
          if (end < 0) throw new XmlSyntaxError('unterminated attribute value', j);
          const rawValue = text.slice(j + 1, end);
          if (rawValue.includes('<')) throw new XmlSyntaxError('"<" in attribute value', j);
          (rawAttributes ??= []).push([attributeName, decode(rawValue, j)]);
          j = end + 1;
        }
        if (rawAttributes !== undefined) {
          // No prototype: an attribute named __proto__ or constructor is just an attribute. An element with none
          // (most of a reply's) shares one frozen empty record instead of a dictionary object each.
          attributes = Object.create(null) as Record<string, string>;
          for (const [name, value] of rawAttributes) {
            const declaration = namespaceDeclaration(name);
            if (declaration !== undefined) {
              if (declared?.includes(declaration)) throw new XmlSyntaxError(`duplicate attribute ${name}`, i);
              scope.declare(declaration, value);
              (declared ??= []).push(declaration);
            } else {
              if (name in attributes) throw new XmlSyntaxError(`duplicate attribute ${name}`, i);
              attributes[name] = value;
            }
          }
          attributeCount += rawAttributes.length;
        }
      }
      elements++;
      const parent = stack.length > 0 ? stack[stack.length - 1] : undefined;
      const prefixLength = colon < 0 ? 0 : colon - nameStart;
      let namespace: string | undefined;
      // An element that declares nothing, with its parent's prefix, is in its parent's namespace (the binding its
      // parent resolved is still the one in scope): no slice, no lookup for most elements of a reply.
      if (parent !== undefined && declared === undefined && samePrefix(text, parent, nameStart, prefixLength)) {
        namespace = parent.node.namespace;
      } else {
        const prefix = colon < 0 ? '' : text.slice(nameStart, colon);
        namespace = scope.resolve(prefix) ?? (prefix === '' ? '' : undefined);
        if (namespace === undefined) throw new XmlSyntaxError(`undeclared namespace prefix "${prefix}"`, i);
      }
      const local = text.slice(colon < 0 ? nameStart : colon + 1, nameStop);
      const node: XmlNode = {
        local,
        namespace,
        attributes,
        // Made with the first child: a leaf (most of a reply's elements) shares one frozen empty list.
        children: NO_CHILDREN,
        text: '',
      };
      if (selfClosing && declared) scope.release(declared);
      if (parent) {
        if (parent.node.children === NO_CHILDREN) (parent.node as { children: readonly XmlNode[] }).children = [node];
        else (parent.node.children as XmlNode[]).push(node);
      } else root = node;
      if (!selfClosing) {
        if (stack.length >= DEPTH_LIMIT) throw new XmlSyntaxError(`elements nested deeper than ${DEPTH_LIMIT}`, i);
        const qname = colon < 0 ? local : text.slice(nameStart, nameStop);
        stack.push({ node, qname, nameStart, prefixLength, declared });
      }
      i = j;
    } else if (next === 47 /* / */) {
      const frame = stack.pop();
      // The open element's name, then no name character: compared as one slice (a charCodeAt loop over both names
      // cost twice as much), the name scanned only to word an error.
      let j = frame === undefined ? i + 2 : i + 2 + frame.qname.length;
      if (frame === undefined || text.slice(i + 2, j) !== frame.qname || isNameCode(text.charCodeAt(j))) {
        j = nameEnd(text, i + 2);
        if (j === i + 2) throw new XmlSyntaxError('bad end tag', i);
        throw new XmlSyntaxError(`end tag </${text.slice(i + 2, j)}> does not match <${frame?.qname ?? '(none)'}>`, i);
      }
      if (frame.declared) scope.release(frame.declared);
      let code = text.charCodeAt(j);
      while (j < length && isSpace(code)) code = text.charCodeAt(++j);
      if (code !== 62 /* > */) throw new XmlSyntaxError('bad end tag', i);
      i = j + 1;
    } else if (next === 63 /* ? */) {
      // '?>' found as a '>' after a '?': StringIndexOf costs ten times as much with a two-character pattern.
      let end = text.indexOf('>', i + 3);
      while (end >= 0 && text.charCodeAt(end - 1) !== 63) end = text.indexOf('>', end + 1);
      if (end < 0) throw new XmlSyntaxError('unterminated processing instruction', i);
      i = end + 1;
    } else if (text.startsWith('<!--', i)) {
      const end = text.indexOf('-->', i + 4);
      if (end < 0) throw new XmlSyntaxError('unterminated comment', i);
      i = end + 3;
    } else if (text.startsWith('<![CDATA[', i)) {
      const end = text.indexOf(']]>', i + 9);
      if (end < 0) throw new XmlSyntaxError('unterminated CDATA section', i);
      if (stack.length === 0) throw new XmlSyntaxError('CDATA outside the root element', i);
      stack[stack.length - 1]!.node.text += normaliseLines(text.slice(i + 9, end));
      i = end + 3;
    } else {
      throw new XmlSyntaxError('DTDs and declarations (<!DOCTYPE, <!ENTITY) are refused', i);
    }
  }
  parseStats.namespaceOperations = scope.operations;
  parseStats.elements = elements;
  parseStats.attributes = attributeCount;
  if (stack.length > 0)
    throw new XmlSyntaxError(`unclosed element <${stack[stack.length - 1]!.qname}> (truncated document?)`, length);
  if (!root) throw new XmlSyntaxError('no root element', 0);
  return root;
}

/** Whether the name at `nameStart` has the same prefix (`prefixLength` characters, 0 for none) as `open`'s. */
function samePrefix(text: string, open: Frame, nameStart: number, prefixLength: number): boolean {
  if (open.prefixLength !== prefixLength) return false;
  for (let k = 0; k < prefixLength; k++) {
    if (text.charCodeAt(nameStart + k) !== text.charCodeAt(open.nameStart + k)) return false;
  }
  return true;
}

/**
 * The prefix an attribute named `xmlns` ('') or `xmlns:p` ('p') declares, undefined for any other attribute. By
 * character codes: `startsWith` costs about a thousand instructions a call here.
 */
function namespaceDeclaration(name: string): string | undefined {
  if (
    name.charCodeAt(0) !== 120 /* x */ ||
    name.charCodeAt(1) !== 109 /* m */ ||
    name.charCodeAt(2) !== 108 /* l */ ||
    name.charCodeAt(3) !== 110 /* n */ ||
    name.charCodeAt(4) !== 115 /* s */
  ) {
    return undefined;
  }
  if (name.length === 5) return '';
  return name.charCodeAt(5) === 58 /* : */ ? name.slice(6) : undefined;
}

function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;
}

/** Escapes text for element content. */
const TEXT_SPECIALS = /[&<>]/;
export function escapeText(value: string): string {
  // Most values have nothing to escape: tested first, they are returned as they are (no replace, no callback).
  return TEXT_SPECIALS.test(value)
    ? value.replace(/[&<>]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;'))
    : value;
}

/** Characters XML 1.0 cannot carry at all, even escaped. */
// eslint-disable-next-line no-control-regex
export const INVALID_XML_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;

/** xsi:nil="true" (or "1") on an element, under any prefix (the XML reader keeps raw attribute names). */
export function isNil(node: XmlNode): boolean {
  for (const name in node.attributes) {
    if (name !== 'xsi:nil' && !name.endsWith(':nil')) continue;
    const value = node.attributes[name]!.trim();
    if (value === 'true' || value === '1') return true;
  }
  return false;
}
