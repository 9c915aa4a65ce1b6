/**
 * A budget for the bytes of answers that the server has handed to the network but their clients have not
 * taken yet. A client that sends queries and never reads keeps each answer in the server's memory for as
 * long as its connection lives; without a bound, a few dozen such clients hold a gigabyte. Each answer is
 * counted once however many responses carry it (a cached answer sent to forty clients is one buffer), from
 * the moment it is handed over until every response that carries it has been flushed to the operating
 * system ('finish') or its connection has closed ('close'). An answer that would take the total past the
 * budget is not sent: the route answers 503 with Retry-After instead (respond.ts).
 */
import type { ServerResponse } from 'node:http';

interface Held {
  bytes: number;
  responses: number;
}

export class UnsentBudget {
  /** Keyed by the memory the answer lives in: views of one buffer (a cached answer, a shared run) count once. */
  private readonly held = new Map<ArrayBufferLike, Held>();
  private total = 0;
  /** Answers refused for want of budget. */
  refused = 0;

  constructor(readonly maxBytes: number) {}

  /** Bytes held now. */
  get bytes(): number { return this.total; }

  /**
   * Takes `body` into the budget until `response` has been flushed or closed; false, and nothing taken,
   * when it does not fit.
   */
  hold(body: Uint8Array, response: ServerResponse): boolean {
    // A client that has gone already emitted 'close': nothing will be sent, and nothing would give the bytes back.
    if (response.destroyed || response.socket === null || response.socket.destroyed) return true;
    const key = body.buffer;
    let held = this.held.get(key);
    if (held === undefined) {
      if (this.total + body.byteLength > this.maxBytes) {
        this.refused += 1;
        return false;
      }
      held = { bytes: body.byteLength, responses: 0 };
      this.held.set(key, held);
      this.total += held.bytes;
    }
    held.responses += 1;
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      held.responses -= 1;
      if (held.responses === 0) {
        this.held.delete(key);
        this.total -= held.bytes;
      }
    };
    response.once('finish', release);
    response.once('close', release);
    return true;
  }
}
