/**
 * A small CSV on the Web (W3C CSVW) converter, minimal mode, for the features our metadata uses:
 * aboutUrl, propertyUrl, valueUrl (URI templates with {name} and {+name}), datatype, lang, separator,
 * suppressOutput. Written for the tests, independently of the code that writes the CSV.
 */
import { DataFactory, type Quad } from 'n3';

const XSD = 'http://www.w3.org/2001/XMLSchema#';

/** RFC 4180 parsing: quoted fields, doubled quotes, CRLF or LF line ends. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; } else if (c === '"') quoted = false; else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; }
    else if (c === '\r' && text[i + 1] === '\n') { /* the \n ends the row */ }
    else if (c === '\n') { row.push(field); rows.push(row); row = []; field = ''; }
    else field += c;
  }
  if (field !== '' || row.length > 0) { row.push(field); rows.push(row); }
  return rows;
}

interface CsvwColumn { name: string; propertyUrl?: string; valueUrl?: string; datatype?: string; lang?: string; separator?: string; suppressOutput?: boolean }
interface CsvwMetadata { tableSchema: { aboutUrl: string; columns: CsvwColumn[] } }

/** URI template level 2 subset: {name} percent-encodes reserved characters, {+name} keeps them. */
function expand(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\+?)([A-Za-z_][A-Za-z0-9_]*)\}/g, (_, plus: string, name: string) =>
    plus ? values[name] ?? '' : encodeURIComponent(values[name] ?? '').replace(/[!'()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`));
}

export function csvwToTriples(csv: string, metadata: CsvwMetadata): Quad[] {
  const { namedNode, literal, quad } = DataFactory;
  const [header, ...rows] = parseCsv(csv);
  const columns = metadata.tableSchema.columns;
  if (header!.join(',') !== columns.map((c) => c.name).join(',')) throw new Error(`CSV header ${header} does not match the metadata columns`);
  const triples: Quad[] = [];
  for (const cells of rows) {
    const values = Object.fromEntries(columns.map((c, i) => [c.name, cells[i] ?? '']));
    const subject = namedNode(expand(metadata.tableSchema.aboutUrl, values));
    columns.forEach((column, i) => {
      const cell = cells[i] ?? '';
      if (column.suppressOutput || cell === '' || !column.propertyUrl) return;
      for (const value of column.separator ? cell.split(column.separator) : [cell]) {
        const object = column.valueUrl
          ? namedNode(expand(column.valueUrl, { ...values, [column.name]: value }))
          : column.lang ? literal(value, column.lang)
          : literal(value, namedNode(`${XSD}${column.datatype ?? 'string'}`));
        triples.push(quad(subject, namedNode(column.propertyUrl), object));
      }
    });
  }
  return triples;
}
