/**
 * Error pages with the site's navigation: the status, what went wrong in words a person can act on, and
 * where to go next. A malformed query keeps its text in the editor, with the error beside it.
 */
import { escapeHtml, frame, link, type PageLinks } from '../layout.js';

const REASONS: Record<number, string> = {
  400: 'Bad request', 403: 'Forbidden', 404: 'Not found', 405: 'Method not allowed', 406: 'Not acceptable',
  413: 'Content too large', 414: 'URI too long', 415: 'Unsupported media type', 500: 'Server error', 503: 'Service unavailable',
};

export function reason(status: number): string {
  return REASONS[status] ?? 'Error';
}

export function errorHtml(status: number, message: string, links: PageLinks): string {
  const title = `${status} ${reason(status)}`;
  return frame({
    title,
    links,
    crumbs: [{ label: title }],
    main: `<h1>${escapeHtml(title)}</h1>
<p class="error-message" role="alert">${escapeHtml(message)}</p>
<p>Try the ${link(links, '/', 'home page')}, the ${link(links, '/id/workshop/', 'workshop reports')}, ${link(links, '/search', 'search')}, or the ${link(links, '/sparql', 'SPARQL endpoint')}.</p>`,
  });
}

/** A query the endpoint could not run: the query stays in the form, the error beside it. */
export function queryErrorPage(status: number, message: string, query: string, links: PageLinks): string {
  const title = `${status} ${reason(status)}`;
  return frame({
    title: `Query error: ${title}`,
    links,
    crumbs: [{ label: 'SPARQL', path: '/sparql' }, { label: title }],
    main: `<h1>The query could not be run</h1>
<div class="query-and-error">
<form method="get" action="${escapeHtml(links.href('/sparql'))}">
<label for="query">Query</label>
<textarea id="query" name="query" rows="16" spellcheck="false">${escapeHtml(query)}</textarea>
<p><button type="submit">Run the query</button></p>
</form>
<div>
<h2>${escapeHtml(title)}</h2>
<p class="error-message" role="alert">${escapeHtml(message)}</p>
</div>
</div>`,
  });
}
