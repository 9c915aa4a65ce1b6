/**
 * The run's order of files (vitest.config.ts, `sequence.sequencer`), so that no file holds a worker slot
 * while it waits for a shared build (test/support/shared-builds.ts):
 *  - as soon as vitest knows the run's files, the builds they use start, in the background (the service of
 *    shared-builds-setup.ts runs each in a child process), rather than when the first file asks;
 *  - within each project, the files that use no shared build run first, then those that use the release,
 *    then those that use the site (the longest build), so that each build has the other files' time to finish.
 * Within each of these parts the order is vitest's own (failed first, then longest first, from its cache of
 * the last run; files it has not timed yet keep their order). Which builds a file uses: shared-builds-needs.ts.
 */
import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { sharedBuildsUsedBy, type SharedBuildKind } from './shared-builds-needs.js';

/** Set by the shared-builds service once it listens (shared-builds-setup.ts): starts one build. */
export const START_BUILD = Symbol.for('asm-kg.shared-builds.start');

/** 0: no shared build, 1: the release, 2: the site (with or without the release). */
function phase(used: Set<SharedBuildKind>): number {
  return used.has('site') ? 2 : used.has('release') ? 1 : 0;
}

export default class SharedBuildsSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const phases = new Map(sorted.map((spec) => [spec, phase(this.start(sharedBuildsUsedBy(spec.moduleId)))]));
    const position = new Map(sorted.map((spec, index) => [spec, index]));
    // vitest's order puts projects (groupOrder, then name) one after another: keep that, reorder inside each.
    const firstOfProject = new Map<string, number>();
    for (const [spec, index] of position) if (!firstOfProject.has(spec.project.name)) firstOfProject.set(spec.project.name, index);
    return [...sorted].sort((a, b) =>
      firstOfProject.get(a.project.name)! - firstOfProject.get(b.project.name)!
      || phases.get(a)! - phases.get(b)!
      || position.get(a)! - position.get(b)!);
  }

  /** Asks the service to start the builds `used` names (each is made once per run however often asked). */
  private start(used: Set<SharedBuildKind>): Set<SharedBuildKind> {
    const startBuild = (globalThis as { [START_BUILD]?: (kind: SharedBuildKind) => void })[START_BUILD];
    for (const kind of used) startBuild?.(kind);
    return used;
  }
}
