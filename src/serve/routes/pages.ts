/**
 * The pages of src/render/pages/ on the server: the views (/, /consensus, /remedies, /search), their assets
 * (/assets/…), and HTML error pages for a browser. The views are rendered by the render worker, off the
 * server's thread, once per page and parameters (render/page-cache.ts); resource and list pages are
 * answered by the linked-data route through the same cache. On the server a page's links are its own paths.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { CachedPages } from '../../render/page-cache.js';
import { queryErrorPage, type PageLinks } from '../../render/pages/index.js';
import { DOCS_PATH } from '../../render/pages/documentation.js';
import { errorHtml } from '../../render/pages/errors.js';
import { RECIPES_PATH } from '../../render/pages/recipes.js';
import type { PageAsset } from '../render-worker/index.js';
import { sendDocument } from '../respond.js';
import { orUnavailable } from './render-failure.js';

/** On the server every path is its own link. */
export const SERVER_LINKS: PageLinks = { href: (path) => path };

export interface PagesRouteContext {
  /** The pages' assets and every page path (the render worker's). */
  assets: PageAsset[];
  paths: string[];
  /** The pages themselves, rendered off this thread and kept for reuse. */
  rendered: CachedPages;
  cacheControl: string;
}

export function registerPages(app: FastifyInstance, context: PagesRouteContext): void {
  for (const asset of context.assets) {
    const body = typeof asset.body === 'string' ? Buffer.from(asset.body) : Buffer.from(asset.body);
    app.get(asset.path, (request, reply) => sendDocument(request, reply, { body, mediaType: asset.mediaType, cacheControl: context.cacheControl }));
  }
  // The views, and the recipes and documentation pages where the project has them (lists and resource pages
  // are the linked-data route's).
  const optional = (p: string) => p === RECIPES_PATH || p === DOCS_PATH || p.startsWith(`${DOCS_PATH}/`);
  for (const path of ['/', '/consensus', '/remedies', '/search', ...context.paths.filter(optional)]) {
    app.get(path, (request, reply) => orUnavailable(reply, async () => {
      const params = new URL(request.raw.url!, 'http://localhost').searchParams;
      const page = await context.rendered.render(path, params);
      if (page === undefined) throw new Error(`no page at ${path}, a view every server has`);
      reply.code(page.status);
      const headers: Record<string, string> = path === '/' ? { Link: '</dist/void.ttl>; rel="describedby"; type="text/turtle"' } : {};
      return sendDocument(request, reply, { body: page.body, etag: page.etag, mediaType: 'text/html', cacheControl: page.status === 200 ? context.cacheControl : 'no-store', headers });
    }));
  }
  app.decorate('htmlError', (status: number, message: string, request: FastifyRequest) => {
    const query = sparqlQueryOf(request);
    // Rendered here: a small page, needed at once, the same for any graph.
    return query === undefined ? errorHtml(status, message, SERVER_LINKS) : queryErrorPage(status, message, query, SERVER_LINKS);
  });
}

/** The query a request to /sparql carried (by GET or by form), so that an error page can keep it in the editor. */
function sparqlQueryOf(request: FastifyRequest): string | undefined {
  const url = new URL(request.raw.url!, 'http://localhost');
  if (url.pathname !== '/sparql') return undefined;
  const fromUrl = url.searchParams.get('query');
  if (fromUrl !== null) return fromUrl;
  const body = request.body;
  if (body instanceof URLSearchParams) return body.get('query') ?? undefined;
  return typeof body === 'string' ? body : undefined;
}
