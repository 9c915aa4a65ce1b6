/**
 * The memory budget of the process tree: the server's resident size plus its query processes', which the
 * pool keeps under `--max-memory` by not starting a process that would not fit (supervisor.ts reads the
 * sizes, scheduler.ts defers the start). A pure function of the sizes, so that it is tested on its own.
 *
 * A process that is still starting counts as large as a process is once ready (the largest of the last
 * few), not at its size now: a start reads the graph and compiles the engine, and grows for a second or
 * two; counted at its size now, several starts decided together would all fit, and then not.
 */

/** A live query process, as the budget counts it. */
export interface ProcessSize {
  ready: boolean;
  /** Its resident size now, in bytes (0 if unread). */
  rssBytes: number;
}

export interface BudgetState {
  /** The server's own resident size, in bytes. */
  ownBytes: number;
  processes: readonly ProcessSize[];
  /** How large a process is once ready (bytes): the largest of the last few; 0 before the first. */
  expectedBytes: number;
  /** The budget, in bytes. */
  budgetBytes: number;
}

/** What the tree holds now, each starting process counted at the size it is expected to reach. */
export function usedBytes(state: Omit<BudgetState, 'budgetBytes'>): number {
  return state.processes.reduce((sum, p) => sum + (p.ready ? p.rssBytes : Math.max(p.rssBytes, state.expectedBytes)), state.ownBytes);
}

/** Whether one more process, at its expected size, fits in the budget. */
export function hasRoomForProcess(state: BudgetState): boolean {
  return usedBytes(state) + state.expectedBytes <= state.budgetBytes;
}
