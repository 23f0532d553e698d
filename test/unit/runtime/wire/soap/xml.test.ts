// src/runtime/wire/soap/xml.ts: what the XML reader's nodes say beyond their text (xsi:nil under any prefix), and the
// names it reads.
import { isNil, parseStats, parseXml, XmlSyntaxError, type XmlNode } from '../../../../../src/runtime/wire/soap/xml';

describe('isNil: xsi:nil under any prefix', () => {
  const node = (attributes: Record<string, string>): XmlNode =>
    ({ name: 'a', local: 'a', namespace: '', attributes, children: [], text: '' }) as unknown as XmlNode;
  test.each<[Record<string, string>, boolean]>([
    [{ 'xsi:nil': 'true' }, true],
    [{ 'i:nil': ' 1 ' }, true],
    [{ 'xsi:nil': 'false' }, false],
    [{ nil: 'true' }, false],
    [{ 'xmlns:xsi': 'http://www.w3.org/2001/XMLSchema-instance' }, false],
    [{}, false],
  ])('%j -> %s', (attributes, want) => {
    expect(isNil(node(attributes))).toBe(want);
  });
});

// The tag and attribute names are scanned (no regex match per tag): every name character the reader accepts, and the
// errors a bad or mismatched name gives, naming what it found.
describe('parseXml: names', () => {
  test('names with digits, dots, hyphens, underscores and prefixes, attributes included', () => {
    const root = parseXml(
      '<a:Env_1 xmlns:a="urn:a" x-y.z="1" _u:v="2" xmlns:_u="urn:u"><a:b.c-d9>t</a:b.c-d9><e/></a:Env_1>',
    );
    expect(root.local).toBe('Env_1');
    expect(root.namespace).toBe('urn:a');
    expect({ ...root.attributes }).toEqual({ 'x-y.z': '1', '_u:v': '2' });
    expect(root.children.map((c) => [c.local, c.namespace, c.text])).toEqual([
      ['b.c-d9', 'urn:a', 't'],
      ['e', '', ''],
    ]);
    expect(parseStats).toMatchObject({ elements: 3, attributes: 4 });
  });

  test.each([
    ['<1a/>', /offset 0: bad start tag/],
    ['<a><-b/></a>', /offset 3: bad start tag/],
    ['<a></ b>', /offset 3: bad end tag/],
    ['<a></a-b>', /end tag <\/a-b> does not match <a>/],
    ['<ab></a>', /end tag <\/a> does not match <ab>/],
    ['<a></ab>', /end tag <\/ab> does not match <a>/],
    ['<a 9="1"/>', /bad attribute name/],
    ['<a b="1"c="2"/>', /missing space between attributes/],
  ])('%s is refused (%s)', (xml, message) => {
    expect(() => parseXml(xml)).toThrow(XmlSyntaxError);
    expect(() => parseXml(xml)).toThrow(message);
  });
});

// parseXml's fast paths each have a general twin: character data with no '&' or CR is only sliced (decode reads the
// rest), an element that declares nothing and has its parent's prefix takes its parent's namespace (the scope
// resolves the rest), a start tag with no attribute skips the attribute loop. Both ways give the same tree.
describe('parseXml: fast paths read as their general twins', () => {
  const tree = (node: XmlNode): unknown => [
    node.local,
    node.namespace,
    { ...node.attributes },
    node.text,
    node.children.map(tree),
  ];
  test.each([
    // Plain text against text with references, CR and CRLF (decoded), split by a comment and a CDATA section.
    [
      '<a><b>x&lt;y</b><c>p\r\nq\rr</c><d>1<!--c-->2<![CDATA[3]]></d></a>',
      '<a><b>x<![CDATA[<]]>y</b><c>p\nq\nr</c><d>123</d></a>',
    ],
    ['<a>x&amp;<b/>y&#x41;</a>', '<a>x<![CDATA[&]]><b/>yA</a>'],
    // The parent's prefix (same binding) against a prefix resolved through the scope, redeclared, undeclared again.
    [
      '<p:a xmlns:p="u1"><p:b><p:c/></p:b><q:d xmlns:q="u1"><p:e/></q:d><p:f xmlns:p="u2"><p:g/></p:f><p:h/></p:a>',
      '<p:a xmlns:p="u1"><q:b xmlns:q="u1"><p:c/></q:b><q:d xmlns:q="u1"><q:e/></q:d>' +
        '<r:f xmlns:r="u2"><r:g/></r:f><p:h/></p:a>',
    ],
    ['<a xmlns="u"><b><c xmlns=""><d/></c><e/></b></a>', '<x:a xmlns:x="u"><x:b><c><d/></c><x:e/></x:b></x:a>'],
    ['<:a><:b><c/></:b></:a>', '<a><b><c/></b></a>'],
    // No attribute against spaces, a self-closing tag and attributes in the start tag.
    ['<a><b>t</b><c></c></a>', '<a ><b\n>t</b ><c/></a\t>'],
  ])('%s reads as %s', (fast, general) => {
    expect(tree(parseXml(fast))).toEqual(tree(parseXml(general)));
  });

  test.each([
    ['<a><b>&bogus;</b></a>', /offset 6: undeclared entity "&bogus;"/],
    ['<a><p:b/></a>', /offset 3: undeclared namespace prefix "p"/],
    ['<p:a xmlns:p="u"><p:b></p:bb></p:a>', /end tag <\/p:bb> does not match <p:b>/],
    ['<abcdefghijklmnop></abcdefghijklmnoq>', /end tag <\/abcdefghijklmnoq> does not match <abcdefghijklmnop>/],
    ['<a><b>', /offset 6: unclosed element <b>/],
    ['<?xml?', /offset 0: unterminated processing instruction/],
  ])('%s is refused (%s)', (xml, message) => {
    expect(() => parseXml(xml)).toThrow(message);
  });
});
