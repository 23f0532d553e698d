// Conformance, part two: node-soap's request/response samples through our runtime, driven by the
// descriptors generated from each sample's soap.wsdl. Requests: request.json -> our typed request ->
// our envelope, whose payload must validate against the WSDL's schemas (xmllint). Responses:
// response.xml -> our reader -> the fields of response.json.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { serviceDescriptors } from '../../codegen/descriptors';
import { loadContract } from '../../codegen/files';
import type { ContractModel } from '../../codegen/ir';
import { parseXmlDocument, resolveQName, type XmlElement } from '../../codegen/parse';
import type { OperationDescriptor, StructDescriptor } from '../../src/runtime/descriptor';
import type { FieldIssue } from '../../src/runtime/errors';
import { buildEnvelope, writeRecord } from '../../src/runtime/wire';
import { buildWireRecord, type WireRecord } from '../../src/runtime/record';
import { readReplyFields } from '../../test/support/wire-fixtures';
import { CORPUS_DIR, type Sample } from './corpus';
import { compareWithNodeSoap, fromNodeSoap, toNodeSoap, UnsupportedSampleError, type QuirkId } from './node-soap-json';
import { serializeElement, validate, writeSchemaSet, type ExtraElement } from './xsd';

export type RequestStatus = 'valid' | 'invalid' | 'refused' | 'unsupported' | 'schema-unusable' | 'error';
export type ResponseStatus = 'match' | 'mismatch' | 'error';

export interface SampleResult {
  readonly id: string;
  readonly request: {
    readonly status: RequestStatus;
    readonly detail?: string;
    /** node-soap's own request.xml payload against the same schema set: the independent check of a refusal. */
    readonly nodeSoap?: { readonly valid: boolean; readonly detail?: string };
    /** Slips in the corpus schemas repaired so xmllint loads them. */
    readonly repairs?: readonly string[];
  };
  /** Absent when the sample has no response.xml + response.json pair. */
  readonly response?: { readonly status: ResponseStatus; readonly detail?: string };
  readonly quirks: readonly QuirkId[];
}

const WSDL = 'http://schemas.xmlsoap.org/wsdl/';
const XS = 'http://www.w3.org/2001/XMLSchema';
const SOAP_ENVELOPES = ['http://schemas.xmlsoap.org/soap/envelope/', 'http://www.w3.org/2003/05/soap-envelope'];

function findOperation(model: ContractModel, name: string): OperationDescriptor | undefined {
  const services = Object.values(serviceDescriptors(model));
  const all = services.flatMap((s) => Object.values(s.operations));
  return all.find((op) => op.name === name) ?? all.find((op) => op.name.toLowerCase() === name.toLowerCase());
}

const firstLine = (text: string, max = 300): string => {
  const line = text.split('\n').find((l) => l.trim() !== '') ?? '';
  return line.length > max ? `${line.slice(0, max)}...` : line;
};

/** Every parsed document of the sample's contract, as the generator saw them. */
function documentsOf(wsdl: string): Map<string, XmlElement> {
  const contract = loadContract([wsdl], { dictionary: 'none', allowOutside: [CORPUS_DIR] }); // as generation.ts
  const documents = new Map<string, XmlElement>();
  for (const [file, text] of contract.texts) {
    try {
      documents.set(file, parseXmlDocument(text, file));
    } catch {
      // A document the generator refused never gets here; a stray broken one is left out.
    }
  }
  return documents;
}

/** RPC parts declared with type=: the driver declares them as unqualified global elements of that type. */
function rpcTypeParts(documents: Map<string, XmlElement>, wsdl: string, operation: string): ExtraElement[] {
  const root = documents.get(wsdl);
  if (!root) return [];
  const byName = (local: string, name: string | undefined) =>
    root.children.find((c) => c.namespace === WSDL && c.local === local && c.attributes.name === name);
  const input = root.children
    .filter((c) => c.namespace === WSDL && c.local === 'portType')
    .flatMap((p) => p.children.filter((o) => o.local === 'operation' && o.attributes.name === operation))
    .map((o) => o.children.find((c) => c.local === 'input'))[0];
  const message = input?.attributes.message
    ? byName('message', resolveQName(input, input.attributes.message).local)
    : undefined;
  return (message?.children ?? [])
    .filter((part) => part.local === 'part' && part.attributes.type && part.attributes.name)
    .map((part) => {
      const qname = resolveQName(part, part.attributes.type!);
      return { name: part.attributes.name!, typeNamespace: qname.namespace ?? XS, typeLocal: qname.local };
    });
}

/** The payload elements of our envelope, one instance document each (fields of a bare or RPC body separately). */
function payloadInstances(operation: OperationDescriptor, wire: WireRecord): string[] {
  const struct = operation.schema.structs[operation.request]!;
  if (operation.requestElement !== '' && operation.style !== 'rpc') {
    const envelope = buildEnvelope(operation, wire);
    return [/<soapenv:Body>([\s\S]*)<\/soapenv:Body>/.exec(envelope)![1]!];
  }
  return struct.fields
    .filter((field) => wire[field.name] !== undefined && !field.attribute && !field.text)
    .flatMap((field) => {
      const out: string[] = [];
      const single: StructDescriptor = { fields: [field] };
      const items =
        field.list === 'repeated' && Array.isArray(wire[field.name])
          ? (wire[field.name] as WireRecord[])
          : [wire[field.name]!];
      for (const item of items) {
        const part: string[] = [];
        writeRecord(single, { [field.name]: field.list === 'repeated' ? [item] : item }, operation.schema, part);
        out.push(part.join(''));
      }
      return out;
    });
}

/** The payload elements of node-soap's expected request.xml, shaped like ours (see payloadInstances). */
function nodeSoapInstances(operation: OperationDescriptor, file: string): string[] | undefined {
  let root: XmlElement;
  try {
    root = parseXmlDocument(fs.readFileSync(file, 'utf8'), file);
  } catch {
    return undefined;
  }
  const body = root.children.find((c) => c.local === 'Body' && SOAP_ENVELOPES.includes(c.namespace));
  if (!body) return undefined;
  const elements =
    operation.requestElement !== '' && operation.style !== 'rpc'
      ? body.children.slice(0, 1)
      : operation.style === 'rpc'
        ? (body.children[0]?.children ?? [])
        : body.children;
  return elements.map((element) => serializeElement(element));
}

export function runSample(
  sample: Sample,
  model: ContractModel | undefined,
  generatorError: string | undefined,
  tmp: string,
): SampleResult {
  const quirks = new Set<QuirkId>();
  const done = (request: SampleResult['request'], response?: SampleResult['response']): SampleResult => ({
    id: sample.id,
    request,
    ...(response ? { response } : {}),
    quirks: [...quirks].sort(),
  });
  const hasResponse = sample.responseXml !== undefined && sample.responseJson !== undefined;
  if (!model) {
    const detail = `the generator refused soap.wsdl: ${generatorError ?? 'unknown reason'}`;
    return done({ status: 'error', detail }, hasResponse ? { status: 'error', detail } : undefined);
  }
  const operation = findOperation(model, sample.operation);
  if (!operation) {
    const detail = `soap.wsdl has no operation ${sample.operation}`;
    return done({ status: 'error', detail }, hasResponse ? { status: 'error', detail } : undefined);
  }
  return done(
    checkRequest(sample, operation, quirks, tmp),
    hasResponse ? checkResponse(sample, operation, quirks) : undefined,
  );
}

function checkRequest(
  sample: Sample,
  operation: OperationDescriptor,
  quirks: Set<QuirkId>,
  tmp: string,
): SampleResult['request'] {
  if (!sample.request) return { status: 'error', detail: 'no request.json' };
  const json: unknown = JSON.parse(fs.readFileSync(sample.request, 'utf8')) ?? {};
  const struct = operation.schema.structs[operation.request]!;
  let typed: unknown;
  try {
    typed = fromNodeSoap(json, struct, operation.schema, sample.conventions, quirks);
  } catch (error) {
    if (error instanceof UnsupportedSampleError) return { status: 'unsupported', detail: error.message };
    throw error;
  }
  const issues: FieldIssue[] = [];
  const wire = buildWireRecord(struct, typed, { schema: operation.schema, issues });
  const refusal = issues.length > 0 ? issues.map((i) => `${i.field} ${i.problem}`).join('; ') : undefined;
  const dir = path.join(tmp, sample.id.replace(/[^A-Za-z0-9_-]+/g, '_'));
  const documents = documentsOf(sample.wsdl);
  const extra = operation.style === 'rpc' ? rpcTypeParts(documents, sample.wsdl, operation.name) : [];
  const { driver, repairs } = writeSchemaSet(sample.wsdl, documents, dir, extra);
  const write = (texts: string[], name: string): string[] =>
    texts.map((text, i) => {
      const file = path.join(dir, `${name}${i + 1}.xml`);
      fs.writeFileSync(file, `<?xml version="1.0" encoding="UTF-8"?>\n${text}\n`);
      return file;
    });
  const explain = (errors: readonly string[]): string =>
    firstLine(
      errors
        .map((line) => line.split(`${dir}${path.sep}`).join(''))
        .slice(0, 2)
        .join(' | '),
      400,
    );
  const theirs = fs.existsSync(path.join(sample.dir, 'request.xml'))
    ? nodeSoapInstances(operation, path.join(sample.dir, 'request.xml'))
    : undefined;
  const nodeSoapResult = theirs && theirs.length > 0 ? validate(driver, write(theirs, 'node-soap-request')) : undefined;
  const nodeSoap =
    nodeSoapResult && !nodeSoapResult.schemaBroken
      ? {
          nodeSoap: {
            valid: nodeSoapResult.valid,
            ...(nodeSoapResult.valid ? {} : { detail: explain(nodeSoapResult.errors) }),
          },
        }
      : {};
  const context = { ...nodeSoap, ...(repairs.length > 0 ? { repairs } : {}) };
  if (refusal) return { status: 'refused', detail: refusal, ...context };
  const instances = write(payloadInstances(operation, wire), 'request');
  if (instances.length === 0) return { status: 'valid', detail: 'empty body: nothing to validate', ...context };
  const result = validate(driver, instances);
  if (result.valid) return { status: 'valid', ...context };
  return { status: result.schemaBroken ? 'schema-unusable' : 'invalid', detail: explain(result.errors), ...context };
}

function checkResponse(sample: Sample, operation: OperationDescriptor, quirks: Set<QuirkId>): SampleResult['response'] {
  if (operation.oneWay) return { status: 'error', detail: 'one-way operation: there is no reply to read' };
  let typed: Record<string, unknown>;
  try {
    typed = readReplyFields(operation, fs.readFileSync(sample.responseXml!, 'utf8'));
  } catch (error) {
    return { status: 'error', detail: `${(error as Error).name}: ${firstLine((error as Error).message)}` };
  }
  const expected: unknown = JSON.parse(fs.readFileSync(sample.responseJson!, 'utf8'));
  const ours = toNodeSoap(typed, operation.schema.structs[operation.response], operation.schema, sample.conventions);
  const difference = compareWithNodeSoap(ours, expected, sample.conventions, quirks);
  return difference ? { status: 'mismatch', detail: difference } : { status: 'match' };
}
