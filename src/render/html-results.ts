/**
 * SELECT and ASK results as an HTML page, for a browser that opens a query link: one table row per
 * solution, IRIs of the dataset linking to their pages on this server.
 */
import type { BindingRow } from '../query/types.js';
import { page, scrollBox } from './layout.js';
import { escapeHtml, termHtml, type TermContext } from './html.js';

export function bindingsToHtml(query: string, variables: string[], rows: BindingRow[], context: TermContext): string {
  const header = variables.map((v) => `<th scope="col">?${escapeHtml(v)}</th>`).join('');
  const body = rows.map((row) => `<tr>${variables.map((v) => `<td>${row[v] ? termHtml(row[v]!, context) : ''}</td>`).join('')}</tr>`).join('\n');
  return page({
    title: 'Query results',
    main: `<h1>Query results</h1>
<p>${rows.length} row${rows.length === 1 ? '' : 's'}.</p>
${scrollBox(`<table class="results"><thead><tr>${header}</tr></thead>
<tbody>
${body}
</tbody></table>`, 'Query results')}
${queryBlock(query)}`,
  });
}

export function booleanToHtml(query: string, value: boolean): string {
  return page({ title: 'Query result', main: `<h1>Query result</h1>\n<p class="boolean">${value}</p>\n${queryBlock(query)}` });
}

function queryBlock(query: string): string {
  return `<h2>Query</h2>
<form method="get" action="/sparql"><label for="query">Query</label><textarea id="query" name="query" rows="12">${escapeHtml(query)}</textarea>
<p><button type="submit">Run again</button></p></form>`;
}
