/**
 * Issue 8, finding 6: `asm-kg query --source` is bounded. --timeout covers downloading, reading and
 * parsing the sources; --max-source-bytes cuts off an endless stream; a FIFO, a directory or a device is
 * refused before anything is read. Against real local HTTP servers (one that never answers, one that
 * streams Turtle for ever) and a real FIFO (mkfifo).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { queryCommand } from '../src/cli/query.js';
import { QuerySourceError, SourceTimeoutError, UsageError } from '../src/core/errors.js';
import { loadGraph } from '../src/query/load-graph.js';
import { rejection } from './support/rejection.js';

const scratch = mkdtempSync(join(tmpdir(), 'asm-kg-sources-'));
const QUERY = join(scratch, 'count.rq');
writeFileSync(QUERY, 'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }\n');
const input = { readStdin: async () => '', terminal: false };
const run = (...args: string[]) => queryCommand([QUERY, '--no-default', ...args], input);

let server: Server;
let origin: string;
const sockets = new Set<Socket>();
beforeAll(async () => {
  server = createServer((request, response) => {
    if (request.url === '/silent.ttl') return; // accepts the request, never answers
    if (request.url === '/endless.ttl') {
      response.writeHead(200, { 'content-type': 'text/turtle' });
      let i = 0;
      const more = (): void => {
        while (response.write(`<http://example.org/s${i}> <http://example.org/p> ${i++} .\n`));
        response.once('drain', more);
      };
      more();
      response.on('close', () => response.removeAllListeners('drain'));
      return;
    }
    if (request.url === '/big.ttl') {
      response.writeHead(200, { 'content-type': 'text/turtle', 'content-length': '5000000' });
      response.end('# the body is not sent: the declared length is enough to refuse it\n'.padEnd(5_000_000));
      return;
    }
    response.writeHead(200, { 'content-type': 'text/turtle' }).end('<http://example.org/a> <http://example.org/b> <http://example.org/c> .\n');
  });
  server.on('connection', (socket) => { sockets.add(socket); socket.on('close', () => sockets.delete(socket)); });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  rmSync(scratch, { recursive: true, force: true });
});

describe('--timeout covers loading the sources', () => {
  it('stops waiting for a server that never answers', async () => {
    const url = `${origin}/silent.ttl`;
    const error = await rejection(run('--source', url, '--timeout', '1000'));
    expect(error).toBeInstanceOf(SourceTimeoutError);
    expect(error.message).toBe(`${url}: still loading when the time limit of 1000 ms ran out (--timeout covers loading the sources); the query was not run`);
  });

  it('stops reading an endless stream when the time is up, before the size limit', async () => {
    const url = `${origin}/endless.ttl`;
    const error = await rejection(run('--source', url, '--timeout', '1000'));
    expect(error).toBeInstanceOf(SourceTimeoutError);
    expect((error as SourceTimeoutError).source).toBe(url);
  });

  it('stops parsing a large file when the time is up (the parser yields between chunks)', async () => {
    // 150,000 triples in 1.2 MB of Turtle (object lists of integers): reading it takes milliseconds, even on a
    // loaded machine, while parsing it into the store takes seconds (2.6 s of CPU on the CI machine, more than
    // ten times the limit), so the time runs out in the parse. (As N-Triples, the file was 20 MB for 300,000
    // triples, and on a loaded machine reading it alone outlasted the limit.)
    const path = join(scratch, 'large.ttl');
    const lines = ['@prefix : <http://example.org/> .'];
    for (let i = 0; i < 150; i++) lines.push(`:s${i} :p ${Array.from({ length: 1000 }, (_, j) => i * 1000 + j).join(', ')} .`);
    writeFileSync(path, `${lines.join('\n')}\n`);
    const error = await rejection(loadGraph({ sources: [path], includeBuilt: false, timeoutMs: 200 }));
    expect(error).toBeInstanceOf(SourceTimeoutError);
    expect((error as SourceTimeoutError).source).toBe(path);
    // Without a limit the same file loads whole. (The size is counted before the default graph is merged,
    // which would only double the store: left out.)
    expect((await loadGraph({ sources: [path], includeBuilt: false, mergeDefaultGraph: false })).size).toBe(150_000);
  }, 60_000);

  it('leaves the query what loading left of the time limit, and still answers', async () => {
    const output = await run('--source', `${origin}/small.ttl`, '--timeout', '20000', '--format', 'csv');
    expect(output.stdout).toBe('n\r\n1\r\n');
  });
});

describe('--max-source-bytes', () => {
  it('cuts off an endless stream with a message naming the source and the limit', async () => {
    const url = `${origin}/endless.ttl`;
    const error = await rejection(run('--source', url, '--max-source-bytes', '1000000', '--timeout', '0'));
    expect(error).toBeInstanceOf(QuerySourceError);
    expect(error.message).toBe(`${url}: larger than the limit of 1000000 bytes (more); stopped reading. Raise it with --max-source-bytes, or load a source this large into a triple store`);
  });

  it('refuses a download whose Content-Length is over the limit without reading it', async () => {
    const error = await rejection(run('--source', `${origin}/big.ttl`, '--max-source-bytes', '1000000'));
    expect(error.message).toBe(`${origin}/big.ttl: larger than the limit of 1000000 bytes (Content-Length 5000000); stopped reading. Raise it with --max-source-bytes, or load a source this large into a triple store`);
  });

  it('refuses a file over the limit by its size', async () => {
    const path = join(scratch, 'over.ttl');
    writeFileSync(path, `${'# padding\n'.repeat(200)}<http://example.org/a> <http://example.org/b> 1 .\n`);
    const error = await rejection(run('--source', path, '--max-source-bytes', '1000'));
    expect(error.message).toBe(`${path}: larger than the limit of 1000 bytes (2050 bytes); stopped reading. Raise it with --max-source-bytes, or load a source this large into a triple store`);
  });

  it('takes only a positive whole number', async () => {
    const error = await rejection(run('--source', QUERY, '--max-source-bytes', '1e6'));
    expect(error).toBeInstanceOf(UsageError);
    expect(error.message).toBe('--max-source-bytes 1e6: give a whole number of bytes, at least 1');
  });
});

describe('sources that are not regular files', () => {
  it('refuses a FIFO at once, though no one writes to it', async () => {
    const fifo = join(scratch, 'pipe.ttl');
    execFileSync('mkfifo', [fifo]);
    const error = await rejection(run('--source', fifo));
    expect(error).toBeInstanceOf(QuerySourceError);
    expect(error.message).toBe(`${fifo}: a FIFO (named pipe), not a regular file: only files can be sources (save a stream to a file first)`);
  });

  it('refuses a directory', async () => {
    const folder = join(scratch, 'folder.ttl');
    mkdirSync(folder);
    const error = await rejection(run('--source', folder));
    expect(error.message).toBe(`${folder}: a directory, not a regular file: only files can be sources (save a stream to a file first)`);
  });

  it('refuses a device', async () => {
    // /dev/zero would be an endless source; a symbolic link gives it an RDF extension.
    const link = join(scratch, 'zero.nt');
    execFileSync('ln', ['-s', '/dev/zero', link]);
    const error = await rejection(run('--source', link));
    expect(error.message).toBe(`${link}: a device, not a regular file: only files can be sources (save a stream to a file first)`);
  });
});
