// The XML parser options for replies, measured on the two canned replies: what each costs to turn the
// text into something the reader can use. Ours (src/runtime/wire/soap/xml.ts) builds a namespace-resolved tree; sax is
// measured building the same tree (what swapping it in would take); fast-xml-parser v5 builds its own
// object (no namespace resolution); node-soap's xmlToObject (sax + schema coercion) is shown for context.
import { XMLParser } from 'fast-xml-parser';
import * as sax from 'sax';
import * as soap from 'soap';
import { parseXml, type XmlNode } from '../../src/runtime/wire/soap/xml';
import { fmt, median, WSDL_DIR } from './lib';
import type { Fixtures, MessageFixture } from './fixtures';

interface Parser {
  readonly name: string;
  readonly parse: (text: string) => unknown;
  /** Finds the reply seal in what `parse` returned (proves the parse is complete). */
  readonly seal: (result: unknown) => unknown;
}

function saxTree(xmlns: boolean): (text: string) => XmlNode {
  return (text) => {
    const parser = sax.parser(true, { xmlns, position: false });
    const stack: XmlNode[] = [];
    let root: XmlNode | undefined;
    parser.onopentag = (tag) => {
      const attributes: Record<string, string> = {};
      for (const [name, value] of Object.entries(tag.attributes))
        attributes[name] = typeof value === 'string' ? value : (value as sax.QualifiedAttribute).value;
      const qualified = tag as sax.QualifiedTag;
      const node: XmlNode = xmlns
        ? { local: qualified.local, namespace: qualified.uri, attributes, children: [], text: '' }
        : { local: tag.name.slice(tag.name.indexOf(':') + 1), namespace: '', attributes, children: [], text: '' };
      if (stack.length) (stack[stack.length - 1]!.children as XmlNode[]).push(node);
      else root = node;
      stack.push(node);
    };
    parser.onclosetag = () => {
      stack.pop();
    };
    parser.ontext = (t) => {
      if (stack.length) stack[stack.length - 1]!.text += t;
    };
    parser.oncdata = (t) => {
      if (stack.length) stack[stack.length - 1]!.text += t;
    };
    parser.onerror = (error) => {
      throw error;
    };
    parser.write(text).close();
    return root!;
  };
}

/** sax with no work in the handlers but keeping the seal's text: what the tokenizer alone costs. */
function saxEvents(text: string): string | undefined {
  const parser = sax.parser(true, { position: false });
  let inSeal = false;
  let seal: string | undefined;
  parser.onopentag = (tag) => {
    inSeal = tag.name === 'seal';
  };
  parser.onclosetag = () => {
    inSeal = false;
  };
  parser.ontext = (t) => {
    if (inSeal) seal = t;
  };
  parser.onerror = (error) => {
    throw error;
  };
  parser.write(text).close();
  return seal;
}

const treeSeal = (result: unknown): unknown => {
  const find = (node: XmlNode): string | undefined =>
    node.local === 'seal' ? node.text : node.children.map(find).find((s) => s !== undefined);
  return find(result as XmlNode);
};

export async function runParsers(fixtures: Fixtures): Promise<string[]> {
  const fxp = new XMLParser({
    ignoreAttributes: false,
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: false,
  });
  const fxpOrdered = new XMLParser({
    ignoreAttributes: false,
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: false,
    preserveOrder: true,
  });
  const wsdls = new Map<string, soap.Client>();
  for (const f of Object.values(fixtures) as MessageFixture[])
    wsdls.set(f.operation.service, await soap.createClientAsync(`${WSDL_DIR}/${f.operation.service}.wsdl`));
  const parsers: Parser[] = [
    { name: 'ours: src/runtime/wire/soap/xml.ts parseXml (namespace-resolved tree)', parse: parseXml, seal: treeSeal },
    { name: 'sax 1.6 strict, xmlns: true, building the same tree', parse: saxTree(true), seal: treeSeal },
    { name: 'sax 1.6 strict, xmlns: false, same tree without namespaces', parse: saxTree(false), seal: treeSeal },
    {
      name: 'sax 1.6 strict, xmlns: false, events only (no tree: a lower bound for sax)',
      parse: saxEvents,
      seal: (r) => r,
    },
    {
      name: 'fast-xml-parser 5 XMLParser (object, prefixed names, no namespaces)',
      parse: (text) => fxp.parse(text),
      seal: (r) => JSON.stringify(r).match(/"seal":"([0-9a-f]+)"/)?.[1],
    },
    {
      name: 'fast-xml-parser 5 XMLParser, preserveOrder',
      parse: (text) => fxpOrdered.parse(text),
      seal: (r) => JSON.stringify(r).match(/"seal":\[\{"#text":"([0-9a-f]+)"/)?.[1],
    },
  ];
  const lines: string[] = [];
  const results: Record<string, Record<string, number>> = {};
  for (const fixture of Object.values(fixtures) as MessageFixture[]) {
    const text = fixture.reply;
    const expected = fixture.replyFields.seal;
    const all: Parser[] = [
      ...parsers,
      {
        name: "node-soap's wsdl.xmlToObject (sax + schema coercion; context only)",
        parse: (t) =>
          (
            wsdls.get(fixture.operation.service) as unknown as { wsdl: { xmlToObject(t: string): unknown } }
          ).wsdl.xmlToObject(t),
        seal: (r) => JSON.stringify(r).match(/"seal":"([0-9a-f]+)"/)?.[1],
      },
    ];
    for (const parser of all) {
      const got = parser.seal(parser.parse(text));
      if (got !== expected) throw new Error(`${parser.name}: did not find the seal (${String(got)})`);
      const n = 4000;
      for (let i = 0; i < n; i++) parser.parse(text);
      const rounds: number[] = [];
      for (let r = 0; r < 5; r++) {
        const started = performance.now();
        for (let i = 0; i < n; i++) parser.parse(text);
        rounds.push(((performance.now() - started) * 1000) / n);
      }
      (results[parser.name] ??= {})[fixture.operation.name] = median(rounds);
    }
  }
  const [a, b] = Object.values(fixtures).map((f: MessageFixture) => `${f.operation.name} reply ${f.reply.length} B`);
  lines.push(`µs per parse, median of 5 rounds of 4000 (${a}; ${b}):`);
  for (const [name, byOp] of Object.entries(results))
    lines.push(
      `  ${Object.values(byOp)
        .map((v) => fmt(v, 2).padStart(7))
        .join(' ')}  ${name}`,
    );
  const total = (name: string): number => Object.values(results[name]!).reduce((a, b) => a + b, 0);
  const ranked = Object.keys(results).sort((a, b) => total(a) - total(b));
  const ours = parsers[0]!.name;
  const runnerUp = ranked.find((name) => name !== ours)!;
  lines.push(
    ranked[0] === ours
      ? `fastest: ours, ${fmt(total(runnerUp) / total(ours), 1)}× faster than the next (` +
          `${runnerUp.split(' (')[0]}), while resolving namespaces (only sax with xmlns: true does that too, at ` +
          `${fmt(total(parsers[1]!.name) / total(ours), 1)}` +
          `× the cost) and refusing DTDs, entity declarations and deep nesting outright ` +
          `(src/runtime/wire/soap/xml.ts, fuzzed in test/behaviour/fuzz.test.ts): the runtime keeps it.`
      : `fastest: ${ranked[0]} (ours is ${fmt(total(ours) / total(ranked[0]!), 1)}` +
          `× slower): reconsider the runtime's parser.`,
  );
  return lines;
}
