/**
 * The published files of dist/ under /dist/: the dumps of each version and the dataset descriptions,
 * with their media types, validators and a listing per folder. The path is decoded once and every
 * segment checked, and the resolved file must lie inside dist/ (symbolic links included), so that no
 * `../`, `%2e%2e/` or `..%2f` reaches anything else. Files are sent by @fastify/static (HEAD with the
 * real length, Range, If-None-Match / If-Modified-Since), and a dump's published `.gz` copy is sent with
 * `Content-Encoding: gzip` to a client that accepts gzip.
 */
import { readdir, realpath, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { escapeHtml } from '../../render/html.js';
import { page } from '../../render/layout.js';
import { fileContentType, fileMediaType } from '../../core/formats.js';
import { sendDocument, sendError } from '../respond.js';

export interface DistContext {
  distDir: string;
  /** The version folders, current and released: their files never change, so they may be cached for good. */
  versions: string[];
  cacheControl: string;
}

/** The path below /dist/ as a list of safe segments, or undefined when it tries to leave dist/. */
export function distSegments(rawPath: string): string[] | undefined {
  let decoded: string;
  try { decoded = decodeURIComponent(rawPath); } catch { return undefined; }
  if (decoded.includes('\0') || decoded.includes('\\')) return undefined;
  const segments = decoded.split('/').filter((s) => s !== '');
  // No dot segments, and no hidden files (the build's temporary files start with a dot).
  if (segments.some((s) => s.startsWith('.'))) return undefined;
  return segments;
}

/** The headers a file of dist/ is sent with, whichever copy (plain or .gz) @fastify/static sends. */
const fileHeaders = new WeakMap<FastifyRequest, Record<string, string>>();

export function registerDistFiles(app: FastifyInstance, context: DistContext): void {
  const handler = async (request: FastifyRequest, reply: FastifyReply) => {
    const rawPath = request.raw.url!.split('?')[0]!;
    const below = rawPath.slice('/dist'.length);
    const segments = distSegments(below);
    if (segments === undefined) return sendError(reply, 404, `no such file: ${rawPath}`);
    const root = await realpath(context.distDir);
    let path: string;
    try {
      path = await realpath(join(root, ...segments));
    } catch {
      return sendError(reply, 404, `no such file: ${rawPath}`);
    }
    if (path !== root && !path.startsWith(root + sep)) return sendError(reply, 404, `no such file: ${rawPath}`);
    const info = await stat(path);
    if (info.isDirectory()) {
      if (!rawPath.endsWith('/')) return reply.code(301).header('Location', `${rawPath}/`).send();
      return sendDocument(request, reply, { body: await listing(path, rawPath), mediaType: 'text/html', cacheControl: context.cacheControl });
    }
    // A file is never a folder: `asm-kg.ttl/` names nothing (relative links from it would resolve wrongly).
    if (!info.isFile() || rawPath.endsWith('/')) return sendError(reply, 404, `no such file: ${rawPath}`);
    const immutable = segments.length > 1 && context.versions.includes(segments[0]!);
    fileHeaders.set(request, {
      // The format table's media type, with a charset where the type has one (core/formats.ts).
      'Content-Type': fileContentType(segments[segments.length - 1]!),
      'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : context.cacheControl,
      // A file may be sent as itself or as its .gz copy, by Accept-Encoding.
      Vary: 'Accept-Encoding',
    });
    // An origin server answers If-None-Match / If-Modified-Since whatever the request's Cache-Control says
    // (RFC 9110, 13.2.1), but @fastify/send answers 200 to "no-cache", which fetch adds to every
    // conditional request: the directive is for caches on the way, so it is not passed on.
    delete request.raw.headers['cache-control'];
    delete request.raw.headers.pragma;
    // The checked path, relative to dist/ (a symbolic link already resolved inside it).
    return reply.sendFile(relative(root, path).split(sep).join('/'), root);
  };
  // @fastify/static for sending files only (serve: false): the paths are checked above, the listings are ours.
  void app.register(fastifyStatic, {
    root: context.distDir, serve: false, preCompressed: true, cacheControl: false, dotfiles: 'deny', index: false,
  });
  // After @fastify/static set its headers: the project's media types (and charset), whichever copy is sent.
  const setFileHeaders = async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    const headers = fileHeaders.get(request);
    if (headers !== undefined && reply.statusCode < 400) for (const [name, value] of Object.entries(headers)) reply.header(name, value);
    return payload;
  };
  app.get('/dist', (_request, reply) => reply.code(301).header('Location', '/dist/').send());
  app.get('/dist/*', { onSend: setFileHeaders }, handler);
}

async function listing(folder: string, rawPath: string): Promise<string> {
  const entries = (await readdir(folder, { withFileTypes: true })).filter((e) => !e.name.startsWith('.')).sort((a, b) => a.name.localeCompare(b.name));
  const rows = await Promise.all(entries.map(async (entry) => {
    const name = entry.isDirectory() ? `${entry.name}/` : entry.name;
    const size = entry.isDirectory() ? '' : `${(await stat(join(folder, entry.name))).size} bytes`;
    const type = entry.isDirectory() ? '' : fileMediaType(entry.name);
    return `<tr><td><a href="${escapeHtml(encodeURIComponent(entry.name))}${entry.isDirectory() ? '/' : ''}">${escapeHtml(name)}</a></td><td>${escapeHtml(type)}</td><td>${size}</td></tr>`;
  }));
  const up = rawPath === '/dist/' ? '' : '<p><a href="../">Up</a></p>';
  return page({ title: `Files in ${rawPath}`, main: `<h1>Files in <code>${escapeHtml(rawPath)}</code></h1>\n${up}\n<table>\n<tr><th>file</th><th>media type</th><th>size</th></tr>\n${rows.join('\n')}\n</table>` });
}
