// The schema set of a WSDL as xmllint can load it, written into a temporary folder: each inline
// xs:schema and each XSD it reaches becomes a standalone file (every namespace declared, locations
// pointing at the copies), plus a driver schema that imports every namespace. Mechanical slips that
// node-soap and our generator tolerate are repaired, and listed, so the schema can judge our payloads.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CONVENTIONAL_PREFIXES, type XmlElement } from '../../codegen/parse';

const XS = 'http://www.w3.org/2001/XMLSchema';
const WSDL = 'http://schemas.xmlsoap.org/wsdl/';
const XML_NS = 'http://www.w3.org/XML/1998/namespace';
const QNAME_ATTRIBUTES = ['type', 'base', 'ref', 'itemType', 'substitutionGroup', 'memberTypes'];

const escapeAttribute = (value: string): string =>
  value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
const escapeText = (value: string): string => value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const prefixOf = (qname: string): string => (qname.includes(':') ? qname.slice(0, qname.indexOf(':')) : '');
const isRemote = (location: string): boolean => /^[a-z][a-z0-9+.-]*:/i.test(location);

/** An element tree back to XML text, declaring on each element the namespaces its parent did not. */
export function serializeElement(node: XmlElement, inherited: Readonly<Record<string, string>> = {}): string {
  const declared: Record<string, string> = { ...inherited };
  let attributes = '';
  const declare = (prefix: string, uri: string): void => {
    if (prefix === 'xml' || declared[prefix] === uri) return;
    declared[prefix] = uri;
    attributes += prefix ? ` xmlns:${prefix}="${escapeAttribute(uri)}"` : ` xmlns="${escapeAttribute(uri)}"`;
  };
  for (const [prefix, uri] of Object.entries(node.namespaces)) declare(prefix, uri);
  // A conventional prefix the author never declared (xs:, soap:) is declared where it is used.
  declare(prefixOf(node.name), node.namespace);
  for (const name of QNAME_ATTRIBUTES) {
    for (const qname of (node.attributes[name] ?? '').trim().split(/\s+/)) {
      const prefix = prefixOf(qname);
      if (prefix && declared[prefix] === undefined && CONVENTIONAL_PREFIXES[prefix])
        declare(prefix, CONVENTIONAL_PREFIXES[prefix]!);
    }
  }
  for (const [name, value] of Object.entries(node.attributes)) attributes += ` ${name}="${escapeAttribute(value)}"`;
  const inner = node.children.map((child) => serializeElement(child, declared)).join('') || escapeText(node.text);
  return inner ? `<${node.name}${attributes}>${inner}</${node.name}>` : `<${node.name}${attributes}/>`;
}

/** One element declaration the driver adds (RPC parts declared by type, as unqualified globals). */
export interface ExtraElement {
  readonly name: string;
  readonly typeNamespace: string;
  readonly typeLocal: string;
}

export interface SchemaSet {
  /** The driver schema: validate instances with `xmllint --schema <driver>`. */
  readonly driver: string;
  /** Slips in the corpus schemas that were repaired to make them loadable, one line each. */
  readonly repairs: readonly string[];
}

interface SchemaDoc {
  readonly node: XmlElement;
  /** Where relative locations inside it are resolved from. */
  readonly source: string;
  readonly file: string;
  readonly namespace: string;
}

/**
 * Writes the schema set of `wsdl` into `dir`. `documents` holds every parsed document of the contract by
 * the '/'-separated path files.ts gave it (relative to the working directory).
 */
export function writeSchemaSet(
  wsdl: string,
  documents: ReadonlyMap<string, XmlElement>,
  dir: string,
  extra: readonly ExtraElement[] = [],
): SchemaSet {
  fs.mkdirSync(dir, { recursive: true });
  const docs: SchemaDoc[] = [];
  const bySource = new Map<string, SchemaDoc>();
  const repairs = new Set<string>();
  const addSchema = (node: XmlElement, source: string, key: string): void => {
    if (bySource.has(key)) return;
    const doc = {
      node,
      source,
      file: path.join(dir, `schema${docs.length + 1}.xsd`),
      namespace: node.attributes.targetNamespace ?? '',
    };
    docs.push(doc);
    bySource.set(key, doc);
    for (const child of node.children) {
      const target = referenceKey(node, source, child, documents);
      if (target) visitFile(target.source, target.retarget);
    }
  };
  const visitFile = (source: string, retarget?: string): void => {
    const root = documents.get(source);
    const key = retarget === undefined ? source : `${source}@${retarget}`;
    if (!root || bySource.has(key)) return;
    if (root.namespace === XS && root.local === 'schema')
      addSchema(retarget === undefined ? root : retargeted(root, retarget), source, key);
    else if (root.namespace === WSDL && root.local === 'definitions') {
      bySource.set(source, { node: root, source, file: '', namespace: '' });
      for (const child of root.children) {
        if (
          child.namespace === WSDL &&
          child.local === 'import' &&
          child.attributes.location &&
          !isRemote(child.attributes.location)
        ) {
          visitFile(path.posix.normalize(path.posix.join(path.posix.dirname(source), child.attributes.location)));
        }
        if (child.namespace === WSDL && child.local === 'types') {
          child.children
            .filter((c) => c.namespace === XS && c.local === 'schema')
            .forEach((schema, i) => addSchema(schema, source, `${source}#${i}`));
        }
      }
    }
  };
  visitFile(wsdl);
  const firstOf = (namespace: string, except?: SchemaDoc): SchemaDoc | undefined =>
    docs.find((d) => d.namespace === namespace && d !== except);

  const typeFixes = typesNamingElements(docs, repairs);
  for (const doc of docs) {
    const fixed = typeFixes.get(doc);
    const node = fixed ? fixed(doc.node) : doc.node;
    fs.writeFileSync(
      doc.file,
      `<?xml version="1.0" encoding="UTF-8"?>\n` +
        `${serializeElement(repairSchema({ ...doc, node }, documents, bySource, firstOf, repairs))}\n`,
    );
  }

  const lines: string[] = [];
  const namespaces = [...new Set(docs.map((d) => d.namespace))].sort();
  for (const namespace of namespaces) {
    const files = docs.filter((d) => d.namespace === namespace).map((d) => d.file);
    if (namespace === '') {
      for (const file of files) lines.push(`  <xs:include schemaLocation="${escapeAttribute(file)}"/>`);
      continue;
    }
    let target = files[0]!;
    if (files.length > 1) {
      target = path.join(dir, `namespace${namespaces.indexOf(namespace)}.xsd`);
      const includes = files.map((f) => `  <xs:include schemaLocation="${escapeAttribute(f)}"/>`).join('\n');
      fs.writeFileSync(
        target,
        `<?xml version="1.0" encoding="UTF-8"?>\n<xs:schema xmlns:xs="${XS}" targetNamespace="` +
          `${escapeAttribute(namespace)}">\n${includes}\n</xs:schema>\n`,
      );
    }
    lines.push(`  <xs:import namespace="${escapeAttribute(namespace)}" schemaLocation="${escapeAttribute(target)}"/>`);
  }
  const extraNamespaces = [...new Set(extra.map((e) => e.typeNamespace))].filter((ns) => ns !== XS);
  const prefixes = extraNamespaces.map((ns, i) => ` xmlns:t${i}="${escapeAttribute(ns)}"`).join('');
  for (const ns of extraNamespaces)
    if (!namespaces.includes(ns) && ns !== '') lines.push(`  <xs:import namespace="${escapeAttribute(ns)}"/>`);
  for (const element of extra) {
    const prefix = element.typeNamespace === XS ? 'xs' : `t${extraNamespaces.indexOf(element.typeNamespace)}`;
    lines.push(`  <xs:element name="${escapeAttribute(element.name)}" type="${prefix}:${element.typeLocal}"/>`);
  }
  const driver = path.join(dir, 'driver.xsd');
  fs.writeFileSync(
    driver,
    `<?xml version="1.0" encoding="UTF-8"?>\n<xs:schema xmlns:xs="${XS}"${prefixes}>\n${lines.join('\n')}` +
      `\n</xs:schema>\n`,
  );
  return { driver, repairs: [...repairs].sort() };
}

const resolveIn = (node: XmlElement, qname: string): { namespace: string; local: string } => {
  const prefix = prefixOf(qname);
  return {
    namespace: node.namespaces[prefix] ?? (prefix ? (CONVENTIONAL_PREFIXES[prefix] ?? '') : ''),
    local: qname.slice(prefix ? prefix.length + 1 : 0),
  };
};

/**
 * type= naming a global element instead of a type (a slip our generator reads as that element's type):
 * the reference is pointed at the element's type, naming the element's anonymous type when it has one.
 * Returns, per document, the rewrite to apply to its tree.
 */
function typesNamingElements(
  docs: readonly SchemaDoc[],
  repairs: Set<string>,
): Map<SchemaDoc, (node: XmlElement) => XmlElement> {
  const key = (namespace: string, local: string): string => `{${namespace}}${local}`;
  const types = new Set<string>();
  const elements = new Map<string, { element: XmlElement; doc: SchemaDoc }>();
  for (const doc of docs) {
    for (const child of doc.node.children) {
      if (child.namespace !== XS || !child.attributes.name) continue;
      if (child.local === 'complexType' || child.local === 'simpleType')
        types.add(key(doc.namespace, child.attributes.name));
      if (child.local === 'element') elements.set(key(doc.namespace, child.attributes.name), { element: child, doc });
    }
  }
  const named = new Map<SchemaDoc, XmlElement[]>(); // anonymous element types given a name
  const rewrites = new Map<SchemaDoc, (node: XmlElement) => XmlElement>();
  for (const doc of docs) {
    const rewrite = (node: XmlElement): XmlElement => {
      let result = node;
      const value = node.namespace === XS && node.local === 'element' ? node.attributes.type : undefined;
      if (value) {
        const target = resolveIn(node, value);
        const element =
          !types.has(key(target.namespace, target.local)) && !target.namespace.endsWith('XMLSchema')
            ? elements.get(key(target.namespace, target.local))
            : undefined;
        if (element?.element.attributes.type) {
          const real = resolveIn(element.element, element.element.attributes.type);
          result = {
            ...node,
            namespaces: { ...node.namespaces, rt: real.namespace },
            attributes: { ...node.attributes, type: `rt:${real.local}` },
          };
          repairs.add("type= naming a global element pointed at that element's type");
        } else if (element) {
          const inline = element.element.children.find(
            (c) => c.namespace === XS && (c.local === 'complexType' || c.local === 'simpleType'),
          );
          const name = `${target.local}__elementType`;
          if (inline) {
            const list = named.get(element.doc) ?? [];
            if (!list.some((n) => n.attributes.name === name))
              list.push({ ...inline, attributes: { ...inline.attributes, name } });
            named.set(element.doc, list);
            result = {
              ...node,
              namespaces: { ...node.namespaces, rt: target.namespace },
              attributes: { ...node.attributes, type: `rt:${name}` },
            };
            repairs.add("type= naming a global element pointed at that element's type");
          }
        }
      }
      const children = result.children.map(rewrite);
      return children.every((c, i) => c === result.children[i]) ? result : { ...result, children };
    };
    rewrites.set(doc, rewrite);
  }
  // Run every rewrite once to collect the named types, then add them to their documents.
  const rewritten = new Map(docs.map((doc) => [doc, rewrites.get(doc)!(doc.node)]));
  return new Map(
    docs.map((doc) => [
      doc,
      () => ({ ...rewritten.get(doc)!, children: [...rewritten.get(doc)!.children, ...(named.get(doc) ?? [])] }),
    ]),
  );
}

/**
 * The document an xs:import/include/redefine points at. An import whose namespace= differs from the
 * document's targetNamespace is read in the importer's namespace when the importer refers to that
 * namespace and never to the document's own (node-soap matches by local name, so such sets exist).
 */
function referenceKey(
  schema: XmlElement,
  source: string,
  child: XmlElement,
  documents: ReadonlyMap<string, XmlElement>,
): { source: string; retarget?: string } | undefined {
  if (child.namespace !== XS || !['import', 'include', 'redefine'].includes(child.local)) return undefined;
  const location = child.attributes.schemaLocation ?? child.attributes.location;
  if (!location || isRemote(location)) return undefined;
  const target = path.posix.normalize(path.posix.join(path.posix.dirname(source), location));
  const wanted = child.attributes.namespace;
  const root = documents.get(target);
  const own = root?.attributes.targetNamespace ?? '';
  if (child.local !== 'import' || wanted === undefined || !root || own === wanted || own === '')
    return { source: target };
  const bound = new Set(Object.values(schema.namespaces));
  return bound.has(wanted) && !bound.has(own) ? { source: target, retarget: wanted } : { source: target };
}

/** A schema moved to another namespace: its targetNamespace and every prefix bound to the old one. */
function retargeted(node: XmlElement, namespace: string, from = node.attributes.targetNamespace ?? ''): XmlElement {
  const namespaces = Object.fromEntries(
    Object.entries(node.namespaces).map(([prefix, uri]) => [prefix, uri === from ? namespace : uri]),
  );
  const attributes =
    node.attributes.targetNamespace !== undefined
      ? { ...node.attributes, targetNamespace: namespace }
      : node.attributes;
  return {
    ...node,
    namespace: node.namespace === from ? namespace : node.namespace,
    namespaces,
    attributes,
    children: node.children.map((c) => retargeted(c, namespace, from)),
  };
}

/** A schema document with its locations pointing at the copies and its mechanical slips repaired. */
function repairSchema(
  doc: SchemaDoc,
  documents: ReadonlyMap<string, XmlElement>,
  bySource: Map<string, SchemaDoc>,
  firstOf: (ns: string, except?: SchemaDoc) => SchemaDoc | undefined,
  repairs: Set<string>,
): XmlElement {
  const imported = new Set<string>();
  const children: XmlElement[] = [];
  for (const child of doc.node.children) {
    if (child.namespace !== XS || !['import', 'include', 'redefine'].includes(child.local)) {
      children.push(repairDeclarations(child, true, repairs));
      continue;
    }
    const attributes: Record<string, string> = { ...child.attributes };
    const location = attributes.schemaLocation ?? attributes.location;
    if (attributes.location !== undefined) {
      delete attributes.location;
      repairs.add('xs:include/xs:import location= read as schemaLocation=');
    }
    const reference = referenceKey(doc.node, doc.source, child, documents);
    const target = reference
      ? bySource.get(reference.retarget === undefined ? reference.source : `${reference.source}@${reference.retarget}`)
      : undefined;
    if (reference?.retarget !== undefined)
      repairs.add(
        'a document imported under another namespace than its own is read in the namespace its importer uses',
      );
    if (target?.file) attributes.schemaLocation = target.file;
    else if (location) attributes.schemaLocation = location;
    if (child.local === 'import') {
      if (target?.file && attributes.namespace !== target.namespace) {
        repairs.add("xs:import namespace= set to the imported document's targetNamespace");
        if (target.namespace) attributes.namespace = target.namespace;
        else delete attributes.namespace;
      }
      if (!attributes.schemaLocation) {
        const sibling = firstOf(attributes.namespace ?? '', doc);
        if (sibling) attributes.schemaLocation = sibling.file;
      }
      imported.add(attributes.namespace ?? '');
    }
    children.push({ ...child, attributes });
  }
  // References to a namespace the schema never imports (node-soap resolves them anyway).
  const referenced = new Set<string>();
  const collect = (node: XmlElement): void => {
    for (const name of QNAME_ATTRIBUTES) {
      const value = node.attributes[name];
      if (!value || node.namespace !== XS) continue;
      for (const qname of value.trim().split(/\s+/)) {
        const prefix = prefixOf(qname);
        const namespace = node.namespaces[prefix] ?? (prefix ? CONVENTIONAL_PREFIXES[prefix] : '');
        if (namespace && namespace !== XS && namespace !== XML_NS && namespace !== doc.namespace)
          referenced.add(namespace);
      }
    }
    node.children.forEach(collect);
  };
  collect(doc.node);
  const added: XmlElement[] = [];
  for (const namespace of [...referenced].sort()) {
    if (imported.has(namespace)) continue;
    const target = firstOf(namespace);
    repairs.add('xs:import added for a namespace the schema references without importing it');
    added.push({
      kind: 'element',
      name: `${prefixOf(doc.node.name) || 'xs'}:import`.replace(/^:/, ''),
      local: 'import',
      namespace: XS,
      attributes: { namespace, ...(target ? { schemaLocation: target.file } : {}) },
      namespaces: doc.node.namespaces,
      children: [],
      text: '',
    });
  }
  return { ...doc.node, children: [...added, ...children] };
}

/** Occurrence attributes on global elements and names on local types are not allowed: dropped. */
function repairDeclarations(node: XmlElement, topLevel: boolean, repairs: Set<string>): XmlElement {
  if (node.namespace !== XS) return node;
  let attributes: Readonly<Record<string, string>> = node.attributes;
  const without = (...names: string[]): Record<string, string> =>
    Object.fromEntries(Object.entries(attributes).filter(([name]) => !names.includes(name)));
  if (
    topLevel &&
    node.local === 'element' &&
    (attributes.minOccurs !== undefined || attributes.maxOccurs !== undefined)
  ) {
    attributes = without('minOccurs', 'maxOccurs');
    repairs.add('minOccurs/maxOccurs dropped from global xs:element declarations');
  }
  if (!topLevel && (node.local === 'simpleType' || node.local === 'complexType') && attributes.name !== undefined) {
    attributes = without('name');
    repairs.add('name= dropped from local (anonymous) type definitions');
  }
  const children = node.children.map((child) => repairDeclarations(child, false, repairs));
  return attributes === node.attributes && children.every((c, i) => c === node.children[i])
    ? node
    : { ...node, attributes, children };
}

export interface Validation {
  readonly valid: boolean;
  /** The schema set itself does not load in xmllint: nothing could be checked. */
  readonly schemaBroken: boolean;
  /** Error lines (warnings and the per-file verdict lines left out). */
  readonly errors: readonly string[];
}

/** xmllint --schema over instance files; all of them must validate. */
export function validate(driver: string, instances: readonly string[]): Validation {
  let output: string;
  let valid = true;
  try {
    output = execFileSync('xmllint', ['--noout', '--schema', driver, ...instances], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (error) {
    output = `${(error as { stdout?: string }).stdout ?? ''}${(error as { stderr?: string }).stderr ?? ''}`;
    valid = false;
  }
  const errors = output.split('\n').filter((line) => /error/i.test(line) && !/failed to compile$/.test(line));
  return { valid, schemaBroken: !valid && /failed to compile/.test(output), errors };
}
