/**
 * An answer of the static site's SPARQL endpoint (client/sparql-answer.ts), and its errors worded as
 * serve words them: "400 Bad Request: …", plain text.
 */
export interface Answer {
  status: number;
  statusText: string;
  headers: Array<[string, string]>;
  body: string;
}

/** The reason phrases serve's errors carry (src/serve/respond.ts). */
const REASONS: Record<number, string> = {
  400: 'Bad Request', 403: 'Forbidden', 405: 'Method Not Allowed', 406: 'Not Acceptable', 415: 'Unsupported Media Type', 500: 'Internal Server Error',
};

export function errorAnswer(status: number, message: string): Answer {
  const reason = REASONS[status] ?? '';
  return { status, statusText: reason, headers: [['Content-Type', 'text/plain; charset=utf-8']], body: `${status} ${reason}: ${message}\n` };
}

export function toResponse(answer: Answer): Response {
  return new Response(answer.body, { status: answer.status, statusText: answer.statusText, headers: answer.headers });
}
