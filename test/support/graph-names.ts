/**
 * The named graphs of a dump's quads, sorted. Its own module so that a test can name a dump's graphs
 * without importing differential/engines.ts, which asks for the shared release build
 * (support/shared-builds.ts): a file that reads only the committed dist/ then waits for no build.
 */
import type { Quad } from 'n3';

export function graphNames(quads: Quad[]): string[] {
  return [...new Set(quads.map((q) => q.graph.value))].filter((g) => g !== '').sort();
}
