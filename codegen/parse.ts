// Parse stage: XML text to a faithful, namespace-resolved element tree. No WSDL meaning, no naming.
// Uses fast-xml-parser in preserveOrder mode so sibling order (xs:sequence order) survives.
import { reportText } from './escape';
import { XMLParser } from 'fast-xml-parser';

export interface XmlElement {
  readonly kind: 'element';
  /** Qualified name as written (prefix:local). */
  readonly name: string;
  readonly local: string;
  /** Namespace URI resolved from the in-scope declarations ('' when none). */
  readonly namespace: string;
  readonly attributes: Readonly<Record<string, string>>;
  /** In-scope prefix to URI map ('' is the default namespace). */
  readonly namespaces: Readonly<Record<string, string>>;
  readonly children: readonly XmlElement[];
  /** Concatenated direct text content, entities decoded, trimmed. */
  readonly text: string;
  /** 1-based line of the start tag in its document (what warnings and errors name); absent for a built node. */
  readonly line?: number;
}

export class XmlParseError extends Error {
  override readonly name = 'XmlParseError';
  constructor(
    readonly source: string,
    detail: string,
  ) {
    super(`${reportText(source)}: ${reportText(detail, 500)}`);
  }
}

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  processEntities: false,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
});

type RawNode = Record<string, unknown>;

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Decodes the five predefined entities and character references; anything else is an error. */
export function decodeEntities(text: string, source = 'xml'): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[A-Za-z]+);?/g, (whole, body: string) => {
    if (!whole.endsWith(';')) throw new XmlParseError(source, `unterminated entity reference "${whole}"`);
    if (body.startsWith('#x')) return String.fromCodePoint(parseInt(body.slice(2), 16));
    if (body.startsWith('#')) return String.fromCodePoint(parseInt(body.slice(1), 10));
    const value = ENTITIES[body];
    if (value === undefined) throw new XmlParseError(source, `undeclared entity "&${body};"`);
    return value;
  });
}

export function parseXmlDocument(input: string, source: string): XmlElement {
  // A byte-order mark or blank lines before the XML declaration: node-soap and zeep read such files, so do we.
  const text = input.replace(/^\uFEFF?\s+(?=<\?xml)/, '').replace(/^\uFEFF/, '');
  if (/<!DOCTYPE/i.test(text)) throw new XmlParseError(source, 'DOCTYPE declarations are refused');
  let raw: RawNode[];
  try {
    raw = parser.parse(text, true) as RawNode[];
  } catch (error) {
    throw new XmlParseError(source, `not well-formed XML (${(error as Error).message.split('\n')[0]})`);
  }
  const roots = raw.filter((node) => elementName(node) !== undefined);
  if (roots.length !== 1) throw new XmlParseError(source, `expected one root element, found ${roots.length}`);
  const lines = startTagLines(
    text,
    input.length - text.length > 0 ? lineCount(input.slice(0, input.length - text.length)) : 0,
  );
  return toElement(roots[0]!, { xml: 'http://www.w3.org/XML/1998/namespace' }, source, lines);
}

const lineCount = (text: string): number => text.split('\n').length - 1;

/**
 * The line of every start tag, in document order (the order toElement visits elements): one pass that skips
 * comments, CDATA sections, processing instructions and declarations. `offset`: lines removed before `text`.
 */
function startTagLines(text: string, offset: number): { readonly lines: number[]; next: number } {
  const lines: number[] = [];
  const tag = /<(?:!--[\s\S]*?-->|!\[CDATA\[[\s\S]*?\]\]>|\?[\s\S]*?\?>|![^>]*>|\/|([A-Za-z_\u00C0-\uFFFF]))/g;
  let line = 1 + offset;
  let counted = 0;
  for (let match = tag.exec(text); match; match = tag.exec(text)) {
    if (match[1] === undefined) continue;
    for (let i = text.indexOf('\n', counted); i >= 0 && i < match.index; i = text.indexOf('\n', i + 1)) line++;
    counted = match.index;
    lines.push(line);
  }
  return { lines, next: 0 };
}

function elementName(node: RawNode): string | undefined {
  for (const key of Object.keys(node)) {
    if (key !== ':@' && key !== '#text' && key !== '#comment') return key;
  }
  return undefined;
}

function toElement(
  node: RawNode,
  inherited: Record<string, string>,
  source: string,
  lines: { readonly lines: number[]; next: number },
): XmlElement {
  const name = elementName(node)!;
  const line = lines.lines[lines.next++];
  const rawAttributes = (node[':@'] ?? {}) as Record<string, string>;
  const namespaces: Record<string, string> = { ...inherited };
  const attributes: Record<string, string> = {};
  for (const [key, value] of Object.entries(rawAttributes)) {
    const decoded = decodeEntities(String(value), source);
    if (key === 'xmlns') namespaces[''] = decoded;
    else if (key.startsWith('xmlns:')) namespaces[key.slice(6)] = decoded;
    else attributes[key] = decoded;
  }
  const colon = name.indexOf(':');
  const prefix = colon < 0 ? '' : name.slice(0, colon);
  const local = colon < 0 ? name : name.slice(colon + 1);
  // An unprefixed element outside any default namespace is in no namespace; a conventional prefix the
  // author forgot to declare (xs:, soap:, ...) means what it always means, as every SOAP stack reads it.
  const namespace = namespaces[prefix] ?? (prefix === '' ? '' : CONVENTIONAL_PREFIXES[prefix]);
  if (namespace === undefined) throw new XmlParseError(source, `undeclared namespace prefix "${prefix}" on <${name}>`);
  const children: XmlElement[] = [];
  let text = '';
  for (const child of (node[name] ?? []) as RawNode[]) {
    if ('#text' in child) text += String(child['#text']);
    else if (elementName(child) !== undefined) children.push(toElement(child, namespaces, source, lines));
  }
  return {
    kind: 'element',
    name,
    local,
    namespace,
    attributes,
    namespaces,
    children,
    text: decodeEntities(text, source),
    ...(line !== undefined ? { line } : {}),
  };
}

/**
 * Namespaces of the prefixes WSDL authors use without declaring them. Only consulted when a prefix is
 * not declared in scope; any other undeclared prefix stays an error (elements) or unresolved (QNames).
 */
export const CONVENTIONAL_PREFIXES: Readonly<Record<string, string>> = {
  xs: 'http://www.w3.org/2001/XMLSchema',
  xsd: 'http://www.w3.org/2001/XMLSchema',
  s: 'http://www.w3.org/2001/XMLSchema', // .NET's prefix for XML Schema
  xsi: 'http://www.w3.org/2001/XMLSchema-instance',
  wsdl: 'http://schemas.xmlsoap.org/wsdl/',
  soap: 'http://schemas.xmlsoap.org/wsdl/soap/',
  soap12: 'http://schemas.xmlsoap.org/wsdl/soap12/',
  soapenc: 'http://schemas.xmlsoap.org/soap/encoding/',
  http: 'http://schemas.xmlsoap.org/wsdl/http/',
  mime: 'http://schemas.xmlsoap.org/wsdl/mime/',
  wsp: 'http://schemas.xmlsoap.org/ws/2004/09/policy',
  wsu: 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd',
  // WS-Addressing in WSDL and in policies (wsaw:Action, wsam:Addressing), often used without a declaration.
  wsa: 'http://www.w3.org/2005/08/addressing',
  wsaw: 'http://www.w3.org/2006/05/addressing/wsdl',
  wsam: 'http://www.w3.org/2007/05/addressing/metadata',
  wsoma: 'http://schemas.xmlsoap.org/ws/2004/09/policy/optimizedmimeserialization',
  wsx: 'http://schemas.xmlsoap.org/ws/2004/09/mex',
  xmime: 'http://www.w3.org/2005/05/xmlmime',
};

export interface QName {
  /** undefined when the prefix is declared nowhere: the caller may then match by local name alone. */
  readonly namespace: string | undefined;
  readonly local: string;
}

/** Resolves a QName-valued attribute (e.g. type="tns:foo") against the element's in-scope namespaces. */
export function resolveQName(element: XmlElement, value: string): QName {
  const trimmed = value.trim();
  const colon = trimmed.indexOf(':');
  const prefix = colon < 0 ? '' : trimmed.slice(0, colon);
  const local = colon < 0 ? trimmed : trimmed.slice(colon + 1);
  const namespace = element.namespaces[prefix] ?? (prefix === '' ? '' : CONVENTIONAL_PREFIXES[prefix]);
  return { namespace, local };
}

/** The children of `node` named {ns}local, in document order. */
export const childrenOf = (node: XmlElement, ns: string, local: string): XmlElement[] =>
  node.children.filter((child) => child.namespace === ns && child.local === local);

/** The first child of `node` named {ns}local. */
export const firstChild = (node: XmlElement, ns: string, local: string): XmlElement | undefined =>
  node.children.find((child) => child.namespace === ns && child.local === local);

/** The first descendant of `node` (depth first, document order) that passes `test`. */
export function findDeep(node: XmlElement, test: (n: XmlElement) => boolean): XmlElement | undefined {
  for (const child of node.children) {
    if (test(child)) return child;
    const found = findDeep(child, test);
    if (found) return found;
  }
  return undefined;
}
