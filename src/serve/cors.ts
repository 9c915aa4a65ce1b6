/**
 * CORS for browser clients of a public, read-only dataset: any origin may read any response (no
 * credentials are involved), and a preflight OPTIONS request is answered for every path.
 */
import type { FastifyInstance } from 'fastify';

const EXPOSED = 'ETag, Link, Memento-Datetime, Location, Content-Location, Vary, Retry-After, X-Cache, X-Result-Rows, X-Description-Truncated, Server-Timing';
const ALLOWED_HEADERS = 'Accept, Accept-Datetime, Content-Type, If-None-Match, Cache-Control';

export function registerCors(app: FastifyInstance): void {
  app.addHook('onRequest', async (_request, reply) => {
    reply.header('Access-Control-Allow-Origin', '*').header('Access-Control-Expose-Headers', EXPOSED);
  });
  app.options('/*', async (request, reply) => {
    const asked = request.headers['access-control-request-headers'];
    // Echo the asked headers when they are a plain list of header names: a read-only API has nothing to hide.
    const headers = typeof asked === 'string' && /^[A-Za-z0-9-]+(?:\s*,\s*[A-Za-z0-9-]+)*$/.test(asked.trim()) ? asked.trim() : ALLOWED_HEADERS;
    return reply.code(204)
      .header('Access-Control-Allow-Methods', 'GET, HEAD, POST, OPTIONS')
      .header('Access-Control-Allow-Headers', headers)
      .header('Access-Control-Max-Age', '86400')
      .header('Allow', 'GET, HEAD, POST, OPTIONS')
      .send();
  });
}
