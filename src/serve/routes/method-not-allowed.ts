/**
 * A method the server never accepts on a path (a write to the read-only Graph Store or /sparql): 405 with
 * `Allow`, answered when the request arrives, before its body is read. Whatever the body is (Turtle, a
 * form, none), the method is what is refused: so the answer is 405, never a 415 for a body type nobody
 * would parse.
 */
import type { FastifyInstance, HTTPMethods } from 'fastify';
import { sendError } from '../respond.js';

export function refuseMethods(app: FastifyInstance, url: string, methods: HTTPMethods[], allow: string, message: string): void {
  app.route({
    method: methods, url,
    // onRequest runs before the content-type parsers: the body is neither read nor judged. A hook that
    // replies does not call done(): the reply ends the request there.
    onRequest: (_request, reply) => { sendError(reply, 405, message, { Allow: allow }); },
    handler: (_request, reply) => sendError(reply, 405, message, { Allow: allow }),
  });
}
