/**
 * Security headers on every response: a Content-Security-Policy that lets a page load scripts, styles,
 * images and connections from this server only and run no inline script, that no other site may frame
 * (`frame-ancestors 'none'`, and X-Frame-Options for browsers without CSP 2), and a Referrer-Policy that
 * keeps the query strings of our URLs (SPARQL queries) from reaching other sites.
 *
 * Inline `<style>` elements of our own HTML are allowed by their SHA-256 hash, computed from the body
 * being sent: a style that an attacker slipped into a page would have another hash. Inline scripts get no
 * such allowance; `<script type="application/ld+json">` data blocks are not executed, so CSP lets them be.
 * The headers go on every response, not only HTML: a file of dist/ or an error message opened in a
 * browser gets the same protection.
 */
import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';

/** The directives every response gets; style-src is completed per HTML body. */
const BASE_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "img-src 'self' data:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
];

export const REFERRER_POLICY = 'same-origin';

/** The CSP for a body: `style-src 'self'` plus the hash of each inline <style> element of an HTML body. */
export function contentSecurityPolicy(body: string | undefined): string {
  const hashes = body === undefined ? [] : inlineStyleHashes(body);
  return [...BASE_POLICY, ["style-src 'self'", ...hashes.map((h) => `'sha256-${h}'`)].join(' ')].join('; ');
}

/** The base64 SHA-256 of the text of each <style> element (CSP hashes the element's content exactly). */
export function inlineStyleHashes(html: string): string[] {
  const hashes = new Set<string>();
  for (const match of html.matchAll(/<style(?:\s[^>]*)?>([\s\S]*?)<\/style\s*>/gi)) {
    hashes.add(createHash('sha256').update(match[1]!, 'utf8').digest('base64'));
  }
  return [...hashes].sort();
}

/**
 * The policy of each HTML body sent as a Buffer, by its Buffer: a cached page (the same Buffer each time,
 * encoded-bodies.ts) is decoded and scanned once, not on the server's thread at every request.
 */
const policies = new WeakMap<Buffer, string>();

/** The policy of an HTML body, computed where the body was made (the render worker): never scanned here. */
export function rememberPolicy(body: Buffer, policy: string): void {
  policies.set(body, policy);
}

export function registerSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onSend', async (_request, reply, payload) => {
    const type = String(reply.getHeader('content-type') ?? '');
    let policy: string;
    if (!/^text\/html\b/i.test(type)) policy = contentSecurityPolicy(undefined);
    else if (typeof payload === 'string') policy = contentSecurityPolicy(payload);
    else if (Buffer.isBuffer(payload)) {
      policy = policies.get(payload) ?? contentSecurityPolicy(payload.toString('utf8'));
      policies.set(payload, policy);
    } else policy = contentSecurityPolicy(undefined);
    reply.header('Content-Security-Policy', policy);
    reply.header('X-Frame-Options', 'DENY');
    reply.header('Referrer-Policy', REFERRER_POLICY);
    return payload;
  });
}
