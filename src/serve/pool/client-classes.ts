/**
 * What the pool remembers of each client (by the address the server gives it): whether its last query
 * was cheap (answered before its grace in the slow lane was over: within 1.25 s of running, by default)
 * or expensive (still running then). The scheduler (scheduler.ts) uses it for two things:
 * - the reserve. The last `reserve` idle processes go only to a query whose client's last query was
 *   cheap, so that a burst of expensive queries, or a flood of them from many clients, cannot take every
 *   warm process: a returning client with cheap queries finds one idle at once.
 * - the slow lane first. A query from a client whose last query was expensive waits for a place in the
 *   slow lane and runs there, reniced, instead of taking a fast-lane process for its slice.
 * A client becomes expensive after two expensive queries in a row, not one: on a loaded machine a cheap
 * query can pass the grace once (reniced in the slow lane, it gets little CPU), and its client, sent to
 * the slow lane for it, would wait there behind the expensive ones. A client whose query is then answered
 * soon enough is cheap again. A client the pool has not seen, has forgotten, or whose last query only was
 * expensive, is neither: its query takes any process but the reserve.
 * A query with no client (from the loopback interface) is classed the same way by its shape instead
 * (query/query-shape.ts: the query without its values), under a key no address can have; the scheduler
 * keeps the reserve from it only when its shape is expensive.
 */
import { Lru } from '../../core/lru.js';

export type ClientClass = 'cheap' | 'expensive';

/** Clients remembered (the least recently seen are forgotten first): a few hundred kilobytes at most. */
const REMEMBERED = 10_000;
/** How long a client is remembered after its last query. */
const REMEMBER_MS = 10 * 60_000;

/** Expensive queries in a row that make a client expensive. */
const EXPENSIVE_IN_A_ROW = 2;

export class ClientClasses {
  /** Each client's expensive queries in a row (0: its last query was cheap). */
  private readonly streaks = new Lru<string, number>({ maxEntries: REMEMBERED });

  /** The class kept under a client's key (or a shape's); undefined for one neither cheap nor expensive yet, or no key at all. */
  of(client: string | undefined): ClientClass | undefined {
    const streak = client === undefined ? undefined : this.streaks.get(client);
    return streak === undefined ? undefined : streak === 0 ? 'cheap' : streak >= EXPENSIVE_IN_A_ROW ? 'expensive' : undefined;
  }

  /** Records how the client's last query went. */
  set(client: string | undefined, cls: ClientClass): void {
    if (client === undefined) return;
    this.streaks.set(client, cls === 'cheap' ? 0 : (this.streaks.get(client) ?? 0) + 1, 1, REMEMBER_MS);
  }
}
