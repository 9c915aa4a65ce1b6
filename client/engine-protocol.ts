/**
 * The messages between the three parts of the static site's SPARQL endpoint: the service worker
 * (client/sparql-sw.ts), which receives the page's requests to `<site>/sparql`; the page
 * (client/engine-client.ts), which passes them on; and the engine, a dedicated worker of the page
 * (client/sparql-engine.ts), which answers each on the MessagePort that came with it.
 */

/** A SPARQL Protocol request, as the service worker saw it. Sent with one MessagePort for the answer. */
export interface EngineRequest {
  type: 'asm-kg:sparql';
  method: string;
  url: string;
  headers: Array<[string, string]>;
  body: string | null;
}

/** The answer, turned back into a Response by the service worker. */
export interface EngineAnswer {
  status: number;
  statusText: string;
  headers: Array<[string, string]>;
  body: string;
}

/** From the page to the engine, once: the dump (downloaded by the page, so that it comes while the engine's script loads). */
export interface EngineDump {
  type: 'asm-kg:dump';
  /** The dump's URL, for error messages. */
  url: string;
  /** The N-Quads text, as bytes (transferred, not copied), or why it could not be had. */
  bytes?: ArrayBuffer;
  error?: string;
  /** The graph's prefixes, for Turtle, TriG and JSON-LD answers. */
  prefixes: Record<string, string>;
}

export const isEngineRequest = (data: unknown): data is EngineRequest => (data as EngineRequest | null)?.type === 'asm-kg:sparql';

/** The reason phrases serve's errors carry (src/serve/respond.ts). */
const REASONS: Record<number, string> = {
  400: 'Bad Request', 403: 'Forbidden', 405: 'Method Not Allowed', 406: 'Not Acceptable', 415: 'Unsupported Media Type',
  500: 'Internal Server Error', 503: 'Service Unavailable',
};

/** An error as serve words it: "400 Bad Request: …", plain text. */
export function errorAnswer(status: number, message: string): EngineAnswer {
  const reason = REASONS[status] ?? '';
  return { status, statusText: reason, headers: [['Content-Type', 'text/plain; charset=utf-8']], body: `${status} ${reason}: ${message}\n` };
}
