/**
 * A plain static web server for the site tests and the benchmark: it serves a folder, as it is, under a
 * path prefix (to prove the site works below the root of a host), with the media types a static host
 * gives by file name, index.html for folders, 404.html for what is missing, and, when asked, gzip or
 * Brotli as a CDN would send. No rewriting, no content negotiation: that is the point.
 */
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, resolve, sep } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.css': 'text/css; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json', '.svg': 'image/svg+xml', '.ttl': 'text/turtle; charset=utf-8', '.nt': 'application/n-triples; charset=utf-8',
  '.nq': 'application/n-quads; charset=utf-8', '.trig': 'application/trig; charset=utf-8', '.jsonld': 'application/ld+json',
  '.rdf': 'application/rdf+xml', '.csv': 'text/csv; charset=utf-8', '.gz': 'application/gzip', '.rq': 'application/sparql-query', '.md': 'text/markdown; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

export interface StaticServer {
  url: string;
  server: Server;
  /** Paths requested, in order (for checks that nothing unexpected was fetched). */
  requests: string[];
  /** Bytes sent (headers and bodies, as they went on the wire: compressed when compressed). */
  bytesSent(): number;
  close(): Promise<void>;
}

export interface StaticOptions {
  /** The path the folder is served under, e.g. /site/ (default /). */
  prefix?: string;
  /** Compress text responses as the client accepts (br, then gzip), as a CDN does. */
  compress?: boolean;
}

export async function serveStatic(folder: string, options: StaticOptions = {}): Promise<StaticServer> {
  const root = resolve(folder);
  const prefix = options.prefix ?? '/';
  const requests: string[] = [];
  const compressed = new Map<string, Buffer>();
  let sent = 0;
  const server = createServer((request, response) => {
    const socket = request.socket;
    const before = socket.bytesWritten;
    response.on('finish', () => { sent += socket.bytesWritten - before; });
    const url = new URL(request.url ?? '/', 'http://localhost');
    requests.push(url.pathname + url.search);
    const send404 = () => {
      const page = join(root, '404.html');
      response.writeHead(404, { 'Content-Type': TYPES['.html']! });
      response.end(existsSync(page) && request.method !== 'HEAD' ? readFileSync(page) : undefined);
    };
    if (!url.pathname.startsWith(prefix)) return send404();
    let path: string;
    try { path = resolve(root, `.${decodeURIComponent(url.pathname.slice(prefix.length - 1))}`); } catch { return send404(); }
    if (path !== root && !path.startsWith(root + sep)) return send404();
    if (existsSync(path) && statSync(path).isDirectory()) {
      if (!url.pathname.endsWith('/')) { response.writeHead(301, { Location: `${url.pathname}/` }); return response.end(); }
      path = join(path, 'index.html');
    }
    if (!existsSync(path) || !statSync(path).isFile()) return send404();
    const type = TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
    const encoding = options.compress && !path.endsWith('.gz') ? chooseEncoding(String(request.headers['accept-encoding'] ?? '')) : undefined;
    const headers: Record<string, string | number> = { 'Content-Type': type, 'Cache-Control': 'public, max-age=600' };
    if (encoding === undefined) {
      headers['Content-Length'] = statSync(path).size;
      response.writeHead(200, headers);
      if (request.method === 'HEAD') return response.end();
      return createReadStream(path).pipe(response);
    }
    const key = `${encoding} ${path}`;
    let body = compressed.get(key);
    if (body === undefined) {
      const raw = readFileSync(path);
      body = encoding === 'br' ? brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }) : gzipSync(raw, { level: 9 });
      compressed.set(key, body);
    }
    response.writeHead(200, { ...headers, 'Content-Encoding': encoding, 'Content-Length': body.length, Vary: 'Accept-Encoding' });
    response.end(request.method === 'HEAD' ? undefined : body);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${prefix}`,
    server,
    requests,
    bytesSent: () => sent,
    close: () => new Promise<void>((done) => { server.closeAllConnections(); server.close(() => done()); }),
  };
}

function chooseEncoding(header: string): 'br' | 'gzip' | undefined {
  const accepted = header.split(',').map((part) => part.trim().split(';')[0]!.toLowerCase());
  if (accepted.includes('br')) return 'br';
  return accepted.includes('gzip') ? 'gzip' : undefined;
}
