/**
 * The Frictionless Table Schema (https://datapackage.org/standard/table-schema/) of statements.csv, written
 * from the columns of its CSVW metadata: the build writes that metadata from the one column list of
 * src/serialize/statements-csv.ts, and a released folder keeps its own, so the two descriptions of a table
 * say the same names, titles, descriptions and types and cannot disagree.
 */

/** A CSVW column as statements.csv-metadata.json gives it. */
export interface CsvwColumn {
  name: string;
  titles?: string | string[];
  'dc:description'?: string;
  datatype?: string;
  separator?: string;
  required?: boolean;
  suppressOutput?: boolean;
  propertyUrl?: string;
  valueUrl?: string;
}

export interface CsvwTable {
  url: string;
  'dc:title'?: string;
  dialect?: { header?: boolean; encoding?: string; lineTerminators?: string[] };
  tableSchema: { columns: CsvwColumn[]; primaryKey?: string | string[]; aboutUrl?: string };
}

/** A Table Schema field. */
export interface TableField {
  name: string;
  title?: string;
  description?: string;
  type: 'string' | 'integer' | 'boolean' | 'list';
  format?: 'uri';
  delimiter?: string;
  itemType?: 'string';
  constraints?: { required?: boolean; unique?: boolean };
}

/** CSVW datatypes and the Table Schema types that read the same cells. */
const TYPES: Record<string, TableField['type']> = { integer: 'integer', boolean: 'boolean', string: 'string' };

/** One field per CSVW column, in order. A column CSVW would not know how to read is an error naming it. */
export function tableFields(table: CsvwTable): TableField[] {
  const keys = new Set(primaryKey(table));
  return table.tableSchema.columns.map((column) => {
    const title = Array.isArray(column.titles) ? column.titles[0] : column.titles;
    const description = column['dc:description'];
    const type = TYPES[column.datatype ?? 'string'];
    if (type === undefined) throw new Error(`${table.url}: column "${column.name}" has the CSVW datatype "${column.datatype}", which has no Table Schema type here`);
    // A cell of several values (CSVW's separator) is a list of them; the IRI column, the row's subject, is a URI.
    const shape: Pick<TableField, 'type' | 'format' | 'delimiter' | 'itemType'> = column.separator !== undefined
      ? { type: 'list', delimiter: column.separator, itemType: 'string' }
      : column.propertyUrl === undefined && column.suppressOutput === true ? { type: 'string', format: 'uri' } : { type };
    const constraints = { ...(column.required || keys.has(column.name) ? { required: true } : {}), ...(keys.has(column.name) ? { unique: true } : {}) };
    return {
      name: column.name,
      ...(title !== undefined ? { title } : {}),
      ...(description !== undefined ? { description } : {}),
      ...shape,
      ...(Object.keys(constraints).length > 0 ? { constraints } : {}),
    };
  });
}

export function primaryKey(table: CsvwTable): string[] {
  const key = table.tableSchema.primaryKey;
  return key === undefined ? [] : Array.isArray(key) ? key : [key];
}

/** The Table Schema of the table: its fields, its primary key, and the empty cell as a missing value. */
export function tableSchema(table: CsvwTable): Record<string, unknown> {
  return {
    $schema: 'https://datapackage.org/profiles/2.0/tableschema.json',
    fields: tableFields(table),
    primaryKey: primaryKey(table),
    missingValues: [''],
  };
}
