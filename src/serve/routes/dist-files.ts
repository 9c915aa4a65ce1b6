/**
 * The published files of dist/ under /dist/: the dumps of each version and the dataset descriptions,
 * with their media types, validators and a listing per folder. The path is decoded once and every
 * segment checked, and the resolved file must lie inside dist/ (symbolic links included), so that no
 * `../`, `%2e%2e/` or `..%2f` reaches anything else.
 */
import { createReadStream } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import { join, sep } from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { escapeHtml } from '../../render/html.js';
import { page } from '../../render/layout.js';
import { fileContentType, fileMediaType } from '../../core/formats.js';
import { ifNoneMatchHits, sendDocument, sendError } from '../respond.js';

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
    const etag = `"${info.size.toString(36)}-${Math.floor(info.mtimeMs).toString(36)}"`;
    const immutable = segments.length > 1 && context.versions.includes(segments[0]!);
    reply.header('ETag', etag)
      .header('Cache-Control', immutable ? 'public, max-age=31536000, immutable' : context.cacheControl)
      .header('Last-Modified', info.mtime.toUTCString());
    if (ifNoneMatchHits(request.headers['if-none-match'], etag)) return reply.code(304).send();
    reply.type(fileContentType(segments[segments.length - 1]!)).header('Content-Length', info.size);
    if (request.method === 'HEAD') return reply.send();
    return reply.send(createReadStream(path));
  };
  app.get('/dist', (_request, reply) => reply.code(301).header('Location', '/dist/').send());
  app.get('/dist/*', handler);
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
