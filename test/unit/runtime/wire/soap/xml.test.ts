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
