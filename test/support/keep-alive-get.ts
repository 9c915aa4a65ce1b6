/**
 * GETs over node:http on kept-alive connections, for tests that ask a server for thousands of documents
 * (serve-backend.test.ts compares every page of three servers). fetch (undici) spent more CPU per request
 * than the server that answered it: its web streams, abort signals and WebAssembly parser took 23 s of a
 * 68 s thread over some 8,000 requests. The answer is the same one fetch gives: status, headers (repeated
 * ones joined with ", ", as Headers.get joins them), the body decoded as UTF-8; redirects are not followed.
 */
import { Agent, request } from 'node:http';

export interface PlainResponse {
  status: number;
  /** A header's value, repeated ones joined with ", "; null when absent (as fetch's Headers.get). */
  header(name: string): string | null;
  body: string;
}

/** One pool of connections per test file: a connection is reused by the next request to the same server. */
const agent = new Agent({ keepAlive: true, maxSockets: 16 });

function once(url: string, headers: Record<string, string>): Promise<PlainResponse & { reused: boolean }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => { chunks.push(chunk); });
      res.on('error', reject);
      res.on('end', () => resolve({
        status: res.statusCode ?? 0,
        header: (name) => joinedHeader(res.rawHeaders, name),
        body: Buffer.concat(chunks).toString('utf8'),
        reused: req.reusedSocket,
      }));
    });
    req.on('error', (error: Error & { reused?: boolean }) => reject(Object.assign(error, { reused: req.reusedSocket })));
    req.end();
  });
}

/**
 * GET `url` with `headers`. A kept-alive connection the server closed as the request went out is
 * ECONNRESET on the reused socket: the GET is sent once more on a new one (what Node's documentation
 * advises for idempotent requests); any other error is the caller's.
 */
export async function keepAliveGet(url: string, headers: Record<string, string> = {}): Promise<PlainResponse> {
  try {
    return await once(url, headers);
  } catch (error) {
    const { code, reused } = error as NodeJS.ErrnoException & { reused?: boolean };
    if (reused !== true || code !== 'ECONNRESET') throw error;
    return once(url, headers);
  }
}

function joinedHeader(raw: string[], name: string): string | null {
  const wanted = name.toLowerCase();
  const values: string[] = [];
  for (let i = 0; i < raw.length; i += 2) if (raw[i]!.toLowerCase() === wanted) values.push(raw[i + 1]!);
  return values.length === 0 ? null : values.join(', ');
}
