/**
 * The tabular view: dist/<version>/statements.csv, one row per statement, and its CSV on the Web (W3C
 * CSVW) metadata, which maps every column back to the ontology so that a CSVW processor turns the table
 * into the same statement triples as the graph (minimal mode).
 */
import type { Quad } from 'n3';
import { vocabulary } from '../core/iri.js';
import { naturalCompare } from './order.js';

interface Column {
  /** The column's name in the metadata, and its title: the header cell of the CSV, exactly. */
  name: string;
  description: string;
  /** Property of the statement; undefined for the IRI column, which is the row's subject. */
  property?: string;
  /** URI template turning the cell into an IRI; the cell's text otherwise is a literal. */
  valueUrl?: string;
  datatype?: string;
  lang?: string;
  separator?: string;
  /** How to read the cell from the graph: the objects of `property` for the statement, as cell text. */
  cell: (objects: string[]) => string;
}

const RDF_TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';
const KINDS = ['Issue', 'Obstacle', 'Opportunity', 'SpecificStep'];

function columns(base: string): Column[] {
  const { prefixes, asm } = vocabulary(base);
  const local = (ns: string) => (objects: string[]) => objects.map((o) => o.slice(ns.length)).sort(naturalCompare).join(' ');
  const plain = (objects: string[]) => objects.join('');
  return [
    { name: 'iri', description: 'The statement\'s IRI.', cell: plain },
    { name: 'workshop', description: 'The workshop it was raised in: 1, 2, 3 or facilitators.', property: asm('raisedIn'), valueUrl: `${prefixes.ws}{workshop}`, cell: local(prefixes.ws!) },
    { name: 'section', description: 'The section it stands in (see the sec: IRIs).', property: asm('inSection'), valueUrl: `${prefixes.sec}{section}`, cell: local(prefixes.sec!) },
    { name: 'kind', description: 'Issue, Obstacle, Opportunity or SpecificStep.', property: RDF_TYPE, valueUrl: `${prefixes.asm}{kind}`,
      cell: (objects) => objects.map((o) => o.slice(prefixes.asm!.length)).filter((k) => KINDS.includes(k)).join('') },
    { name: 'addressed_to', description: 'The stakeholder group its heading addresses.', property: asm('addressedTo'), valueUrl: `${prefixes.stk}{addressed_to}`, cell: local(prefixes.stk!) },
    { name: 'actors', description: 'Stakeholders its words name as the ones to act, space-separated.', property: asm('actor'), valueUrl: `${prefixes.stk}{actors}`, separator: ' ', cell: local(prefixes.stk!) },
    { name: 'implied_actors', description: 'Stakeholders the editors read as implied actors (editorial), space-separated.', property: asm('impliedActor'), valueUrl: `${prefixes.stk}{implied_actors}`, separator: ' ', cell: local(prefixes.stk!) },
    { name: 'themes', description: 'Its themes (editorial), space-separated (see the theme: IRIs).', property: asm('theme'), valueUrl: `${prefixes.theme}{themes}`, separator: ' ', cell: local(prefixes.theme!) },
    { name: 'position', description: 'Its order in the source document.', property: asm('position'), datatype: 'integer', cell: plain },
    { name: 'parent', description: 'The statement it elaborates: the one it is nested under.', property: asm('elaborates'), valueUrl: `${prefixes.st}{parent}`, cell: local(prefixes.st!) },
    { name: 'tentative', description: 'true for the facilitators\' bracketed items.', property: asm('tentative'), datatype: 'boolean', cell: plain },
    { name: 'emphasis', description: 'Phrases printed in capitals, separated by "|".', property: asm('emphasis'), lang: 'en', separator: '|', cell: (objects) => [...objects].sort().join('|') },
    { name: 'text', description: 'The verbatim text.', property: asm('text'), lang: 'en', cell: plain },
  ];
}

/** RFC 4180: CRLF line ends, fields quoted when they hold a comma, quote or line break. */
function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * The table, read from the graph's triples in one pass (no store: the build lets the store go before the
 * dumps). Rows are in the document's order (asm:position); statements sharing a position, which our graph
 * does not have but a merged one could, follow in the natural order of their IRIs.
 */
export function toStatementsCsv(triples: Iterable<Quad>, base: string): string {
  const cols = columns(base);
  const statementClass = vocabulary(base).asm('Statement');
  const positionProperty = vocabulary(base).asm('position');
  // Each statement's values, property by property, each value once, in the order the triples give them.
  const statements = new Map<string, Map<string, string[]>>();
  for (const q of triples) {
    if (q.predicate.value === RDF_TYPE && q.object.termType === 'NamedNode' && q.object.value === statementClass) statements.set(q.subject.value, new Map());
  }
  for (const q of triples) {
    const properties = statements.get(q.subject.value);
    if (properties === undefined) continue;
    const values = properties.get(q.predicate.value);
    if (values === undefined) properties.set(q.predicate.value, [q.object.value]);
    else if (!values.includes(q.object.value)) values.push(q.object.value);
  }
  const position = (statement: string) => Number(statements.get(statement)!.get(positionProperty)?.[0]);
  const order = [...statements.keys()].map((iri) => [iri, position(iri)] as const)
    .sort(([a, x], [b, y]) => x - y || naturalCompare(a, b)).map(([iri]) => iri);
  const lines = [cols.map((c) => csvField(c.name)).join(',')];
  for (const statement of order) {
    const properties = statements.get(statement)!;
    lines.push(cols.map((c) => csvField(c.cell(c.property === undefined ? [statement] : properties.get(c.property) ?? []))).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

/** The CSVW metadata document for statements.csv (a table group of one table). */
export function statementsCsvMetadata(base: string, csvUrl: string): Record<string, unknown> {
  return {
    '@context': ['http://www.w3.org/ns/csvw', { '@language': 'en' }],
    url: csvUrl,
    'dc:title': 'Statements of the ASM learning event\'s workshops',
    'dc:license': { '@id': 'https://creativecommons.org/licenses/by/4.0/' },
    dialect: { header: true, encoding: 'utf-8', lineTerminators: ['\r\n'] },
    tableSchema: {
      aboutUrl: '{+iri}',
      primaryKey: 'iri',
      columns: columns(base).map((c) => ({
        name: c.name,
        // CSVW's compatibility rule: a column's titles must match the CSV's header cell, or a processor
        // takes the cell for another, undeclared column (it emitted statements.csv#iri in 0.1.0).
        titles: c.name,
        'dc:description': c.description,
        ...(c.property === undefined ? { suppressOutput: true, required: true } : { propertyUrl: c.property }),
        ...(c.valueUrl ? { valueUrl: c.valueUrl } : {}),
        ...(c.datatype ? { datatype: c.datatype } : {}),
        ...(c.lang ? { lang: c.lang } : {}),
        ...(c.separator ? { separator: c.separator } : {}),
      })),
    },
  };
}
