/**
 * Sending a response: documents with their validators (ETag, Cache-Control, Vary) and 304 Not Modified
 * for a GET or HEAD whose If-None-Match names the current ETag; errors as a short plain-text message.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { negotiate } from './accept.js';
import { strongEtag } from '../core/etag.js';
import { encodeBody } from './encoded-bodies.js';
import { contentType } from '../core/formats.js';
import type { UnsentBudget } from './unsent-budget.js';

/** Renders an error as an HTML page with the site's navigation (registered by routes/pages.ts). */
export type HtmlErrorRenderer = (status: number, message: string, request: FastifyRequest) => string;

declare module 'fastify' {
  interface FastifyInstance {
    htmlError?: HtmlErrorRenderer;
    /** The bytes of answers not yet taken by their clients (unsent-budget.ts), where the server bounds them. */
    unsentBudget?: UnsentBudget;
  }
}

export interface Document {
  body: Buffer | string;
  mediaType: string;
  /** A strong validator; computed from the body when absent. */
  etag?: string;
  cacheControl: string;
  /** The request headers the representation was chosen by (Accept for negotiated resources). */
  vary?: string;
  headers?: Record<string, string>;
}

/** RFC 9110 §13.1.2: weak comparison, "*" matches any current representation. */
export function ifNoneMatchHits(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  if (header.trim() === '*') return true;
  const opaque = etag.replace(/^W\//, '');
  return header.split(',').some((candidate) => candidate.trim().replace(/^W\//, '') === opaque);
}

export function sendDocument(request: FastifyRequest, reply: FastifyReply, document: Document): FastifyReply {
  // A text body is encoded and hashed once, however often it is sent (encoded-bodies.ts).
  const encoded = typeof document.body === 'string' ? encodeBody(document.body) : undefined;
  const etag = document.etag ?? encoded?.etag ?? strongEtag(document.body);
  reply.header('ETag', etag).header('Cache-Control', document.cacheControl);
  if (document.vary) reply.header('Vary', document.vary);
  for (const [name, value] of Object.entries(document.headers ?? {})) reply.header(name, value);
  if ((request.method === 'GET' || request.method === 'HEAD') && ifNoneMatchHits(request.headers['if-none-match'], etag)) {
    return reply.code(304).send();
  }
  // A Buffer, so that the Content-Type is ours alone (Fastify adds a charset to strings).
  const body = encoded?.body ?? (document.body as Buffer);
  const budget = reply.server.unsentBudget;
  if (budget !== undefined && request.method !== 'HEAD' && !budget.hold(body, reply.raw)) {
    reply.removeHeader('ETag');
    const mb = (budget.maxBytes / (1024 * 1024)).toFixed(0);
    return sendError(reply, 503, `the server holds as many answers for clients that have not read them yet as it may (${mb} MB, --max-unsent-bytes); try again shortly`, { 'Retry-After': '1' });
  }
  return reply.type(contentType(document.mediaType)).send(body);
}

const REASONS: Record<number, string> = {
  400: 'Bad Request', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed', 406: 'Not Acceptable',
  413: 'Content Too Large', 414: 'URI Too Long', 415: 'Unsupported Media Type', 429: 'Too Many Requests', 500: 'Internal Server Error',
  502: 'Bad Gateway', 503: 'Service Unavailable', 504: 'Gateway Timeout',
};

/**
 * An error: the status, and a message a person can act on, as text/plain; as an HTML page with the
 * navigation when the client prefers HTML to plain text (a browser), and the server has pages.
 */
export function sendError(reply: FastifyReply, status: number, message: string, headers: Record<string, string> = {}): FastifyReply {
  for (const [name, value] of Object.entries(headers)) reply.header(name, value);
  const render = reply.server.htmlError;
  if (render !== undefined && negotiate(reply.request.headers.accept, ['text/plain', 'text/html']) === 'text/html') {
    const vary = reply.getHeader('Vary');
    reply.header('Vary', vary === undefined ? 'Accept' : String(vary).includes('Accept') ? String(vary) : `${String(vary)}, Accept`);
    return reply.code(status).header('Cache-Control', 'no-store').type('text/html; charset=utf-8').send(render(status, message, reply.request));
  }
  return reply.code(status).header('Cache-Control', 'no-store').type('text/plain; charset=utf-8')
    .send(`${status} ${REASONS[status] ?? ''}: ${message}\n`);
}
