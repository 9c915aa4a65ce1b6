/**
 * An aligned text table for a terminal: IRIs as prefixed names, literals as their text. Data never
 * reaches the terminal as control characters: an escape sequence in a literal (ESC [ 2 J clears the
 * screen; OSC 8 forges links; OSC 52 writes the clipboard) is printed as visible text, `\x1B[2J`.
 */
import type { BindingRow } from './result-types.js';
import { shortTerm } from './terms.js';

/**
 * C0 controls (but tab and line breaks, handled before), DEL, C1 controls (U+009B is a one-character CSI
 * on some terminals) and the bidirectional overrides and isolates, which can reorder what a line shows.
 */
const UNSAFE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

/** A cell's text with every unsafe character written as \xHH or \uHHHH. */
export function terminalSafe(text: string): string {
  return text
    // Line breaks and tabs inside a value would break the columns.
    .replace(/\s*[\r\n\t]+\s*/g, ' ')
    .replace(UNSAFE, (c) => {
      const code = c.charCodeAt(0);
      return code <= 0xff ? `\\x${code.toString(16).toUpperCase().padStart(2, '0')}` : `\\u${code.toString(16).toUpperCase().padStart(4, '0')}`;
    });
}

export function bindingsToTable(variables: string[], rows: BindingRow[], prefixes: Array<[string, string]>): string {
  const cells = rows.map((row) => variables.map((v) => (row[v] ? terminalSafe(shortTerm(row[v]!, prefixes)) : '')));
  const header = variables.map((v) => `?${v}`);
  // A loop, not Math.max(...cells): spreading a long result into a call overflows the stack.
  const widths = header.map((h) => h.length);
  for (const row of cells) row.forEach((cell, i) => { if (cell.length > widths[i]!) widths[i] = cell.length; });
  const line = (values: string[]): string => values.map((value, i) => value.padEnd(widths[i]!)).join('  ').trimEnd();
  const out = [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.map(line)];
  out.push(`(${rows.length} row${rows.length === 1 ? '' : 's'})`);
  return `${out.join('\n')}\n`;
}
