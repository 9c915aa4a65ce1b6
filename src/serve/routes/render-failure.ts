/**
 * What a route answers when the render worker did not render its page or document: 503 with Retry-After
 * when the worker was busy (its queue full) or stopped while holding the job, so that the client tries
 * again; any other failure is the server's error (500).
 */
import type { FastifyReply } from 'fastify';
import { RenderUnavailable } from '../render-worker/index.js';
import { sendError } from '../respond.js';

export async function orUnavailable(reply: FastifyReply, work: () => Promise<FastifyReply>): Promise<FastifyReply> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof RenderUnavailable) return sendError(reply, 503, error.message, { 'Retry-After': '1' });
    throw error;
  }
}
