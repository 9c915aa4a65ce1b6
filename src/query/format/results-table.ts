/**
 * An aligned text table for a terminal: IRIs as prefixed names, literals as their text.
 */
import type { BindingRow } from '../types.js';
import { shortTerm } from './terms.js';

export function bindingsToTable(variables: string[], rows: BindingRow[], prefixes: Array<[string, string]>): string {
  // Line breaks and tabs inside a value would break the columns.
  const cells = rows.map((row) => variables.map((v) => (row[v] ? shortTerm(row[v]!, prefixes).replace(/\s*[\r\n\t]+\s*/g, ' ') : '')));
  const header = variables.map((v) => `?${v}`);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (values: string[]): string => values.map((value, i) => value.padEnd(widths[i]!)).join('  ').trimEnd();
  const out = [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.map(line)];
  out.push(`(${rows.length} row${rows.length === 1 ? '' : 's'})`);
  return `${out.join('\n')}\n`;
}
