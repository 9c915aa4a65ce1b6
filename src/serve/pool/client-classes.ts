/**
 * What the pool remembers of each client (by the address the server gives it): whether its last query
 * was cheap (answered before its grace in the slow lane was over: within 1.25 s of running, by default)
 * or expensive (still running then). The scheduler (scheduler.ts) uses it for two things:
 * - the reserve. The last `reserve` idle processes go only to a query whose client's last query was
 *   cheap, so that a burst of expensive queries, or a flood of them from many clients, cannot take every
 *   warm process: a returning client with cheap queries finds one idle at once.
 * - the slow lane first. A query from a client whose last query was expensive waits for a place in the
 *   slow lane and runs there, reniced, instead of taking a fast-lane process for its slice.
 * A client whose query is then answered soon enough is cheap again. A client the pool has not seen,
 * or has forgotten, is neither: its query takes any process but the reserve.
 */
import { Lru } from '../lru.js';

export type ClientClass = 'cheap' | 'expensive';

/** Clients remembered (the least recently seen are forgotten first): a few hundred kilobytes at most. */
const REMEMBERED = 10_000;
/** How long a client is remembered after its last query. */
const REMEMBER_MS = 10 * 60_000;

export class ClientClasses {
  private readonly classes = new Lru<string, ClientClass>({ maxEntries: REMEMBERED });

  /** The class of a client's last query; undefined for an unknown client (or none: a query given to the pool directly). */
  of(client: string | undefined): ClientClass | undefined {
    return client === undefined ? undefined : this.classes.get(client);
  }

  /** Records how the client's last query went. */
  set(client: string | undefined, cls: ClientClass): void {
    if (client !== undefined) this.classes.set(client, cls, 1, REMEMBER_MS);
  }
}
