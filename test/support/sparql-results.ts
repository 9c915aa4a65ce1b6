/**
 * Small readers of the SPARQL 1.1 result formats, written from the W3C specifications and independent of
 * the writers in src/serialize/sparql-results/, so that a test can parse an answer back and compare it with the one
 * the engine gave. TSV terms are read by N3.js (Turtle's term syntax), not by our own code.
 */
import type { Term } from '@rdfjs/types';
import { DataFactory, Parser } from 'n3';

export interface ParsedBindings {
  variables: string[];
  rows: Array<Record<string, Term>>;
}

const XSD_STRING = 'http://www.w3.org/2001/XMLSchema#string';

type JsonTerm = { type: string; value: unknown; 'xml:lang'?: string; datatype?: string };

function fromJsonTerm(term: JsonTerm): Term {
  switch (term.type) {
    case 'uri': return DataFactory.namedNode(term.value as string);
    case 'bnode': return DataFactory.blankNode(term.value as string);
    case 'literal': case 'typed-literal':
      return DataFactory.literal(term.value as string, term['xml:lang'] ?? DataFactory.namedNode(term.datatype ?? XSD_STRING));
    default: throw new Error(`unknown JSON result term type ${term.type}`);
  }
}

export function parseJsonResults(text: string): ParsedBindings | boolean {
  const document = JSON.parse(text) as { head: { vars?: string[] }; results?: { bindings: Array<Record<string, JsonTerm>> }; boolean?: boolean };
  if (typeof document.boolean === 'boolean') return document.boolean;
  return {
    variables: document.head.vars ?? [],
    rows: document.results!.bindings.map((binding) => Object.fromEntries(Object.entries(binding).map(([k, v]) => [k, fromJsonTerm(v)]))),
  };
}

function decodeXml(text: string): string {
  return text.replace(/&(lt|gt|amp|quot|apos|#x[0-9a-fA-F]+|#\d+);/g, (_, entity: string) => {
    switch (entity) {
      case 'lt': return '<';
      case 'gt': return '>';
      case 'amp': return '&';
      case 'quot': return '"';
      case 'apos': return "'";
      default: return String.fromCodePoint(entity.startsWith('#x') ? parseInt(entity.slice(2), 16) : Number(entity.slice(1)));
    }
  });
}

/** XML attributes of a start tag, decoded; XML normalises line breaks in text, so CR is only kept as &#xD;. */
function attributes(tag: string): Record<string, string> {
  return Object.fromEntries([...tag.matchAll(/([\w:]+)="([^"]*)"/g)].map((m) => [m[1]!, decodeXml(m[2]!)]));
}

export function parseXmlResults(text: string): ParsedBindings | boolean {
  if (!/^<\?xml[^>]*\?>\s*<sparql xmlns="http:\/\/www\.w3\.org\/2005\/sparql-results#">/.test(text)) throw new Error('not a SPARQL XML result document');
  const normalised = text.replace(/\r\n?/g, '\n');
  const booleanMatch = /<boolean>(true|false)<\/boolean>/.exec(normalised);
  if (booleanMatch) return booleanMatch[1] === 'true';
  const variables = [...normalised.matchAll(/<variable name="([^"]*)"\s*\/>/g)].map((m) => decodeXml(m[1]!));
  const rows = [...normalised.matchAll(/<result>([\s\S]*?)<\/result>/g)].map((result) => {
    const row: Record<string, Term> = {};
    for (const binding of result[1]!.matchAll(/<binding name="([^"]*)">\s*<(uri|bnode|literal)([^>]*)>([\s\S]*?)<\/\2>\s*<\/binding>/g)) {
      const [, name, kind, attributeText, content] = binding;
      const value = decodeXml(content!);
      const attrs = attributes(attributeText!);
      row[decodeXml(name!)] = kind === 'uri' ? DataFactory.namedNode(value)
        : kind === 'bnode' ? DataFactory.blankNode(value)
        : DataFactory.literal(value, attrs['xml:lang'] ?? DataFactory.namedNode(attrs.datatype ?? XSD_STRING));
    }
    return row;
  });
  return { variables, rows };
}

/** RFC 4180 records (quoted fields may hold commas, quotes and line breaks). */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; } else if (c === '"') quoted = false; else field += c;
    } else if (c === '"') {
      quoted = true;
    } else if (c === ',') {
      record.push(field); field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      record.push(field); records.push(record); field = ''; record = []; i++;
    } else {
      field += c;
    }
  }
  if (field !== '' || record.length > 0) throw new Error('CSV does not end with CRLF');
  return records;
}

/** One TSV cell as an RDF term, read by N3.js as the object of a Turtle triple (which would relabel a blank node). */
function tsvTerm(cell: string): Term {
  if (cell.startsWith('_:')) return DataFactory.blankNode(cell.slice(2));
  const [quad] = new Parser({ format: 'text/turtle' }).parse(`<urn:s> <urn:p> ${cell} .`);
  return quad!.object;
}

export function parseTsvResults(text: string): ParsedBindings {
  if (!text.endsWith('\n')) throw new Error('TSV does not end with a line break');
  const [header, ...lines] = text.slice(0, -1).split('\n');
  const variables = header!.split('\t').map((v) => v.replace(/^\?/, ''));
  const rows = lines.map((line) => {
    const cells = line.split('\t');
    if (cells.length !== variables.length) throw new Error(`TSV row with ${cells.length} cells for ${variables.length} variables`);
    return Object.fromEntries(cells.flatMap((cell, i) => (cell === '' ? [] : [[variables[i]!, tsvTerm(cell)]])));
  });
  return { variables, rows };
}
