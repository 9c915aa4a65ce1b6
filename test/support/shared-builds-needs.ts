/**
 * Which shared builds (test/support/shared-builds.ts) a test file uses: the calls `sharedRelease(` and
 * `sharedSite(` in its text or in the test helpers it imports (relative imports under test/, followed to any
 * depth: differential/engine-check.test.ts reaches the release through differential/engines.ts). The run's sequencer
 * (shared-builds-sequencer.ts) starts those builds as soon as the run's files are known, and schedules the
 * files that wait for a build after those that do not.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';

export type SharedBuildKind = 'release' | 'site';

const CALLS: Record<SharedBuildKind, RegExp> = { release: /\bsharedRelease\(/, site: /\bsharedSite\(/ };
/** `from './x.js'`, `import('../y.js')`: the relative imports of a module. */
const RELATIVE_IMPORT = /(?:from\s+|import\s*\(\s*)['"](\.{1,2}\/[^'"]+)['"]/g;
/** The modules that define the calls: their own text names both. */
const TESTS = join(import.meta.dirname, '..') + sep;
const DEFINITIONS = new Set(['shared-builds.ts', 'shared-builds-setup.ts'].map((name) => join(import.meta.dirname, name)));

/** The shared builds `file` (an absolute path) or any test module it imports calls for. */
export function sharedBuildsUsedBy(file: string): Set<SharedBuildKind> {
  const used = new Set<SharedBuildKind>();
  const seen = new Set<string>();
  const visit = (module: string): void => {
    if (seen.has(module) || DEFINITIONS.has(module)) return;
    seen.add(module);
    const text = readFileSync(module, 'utf8');
    for (const kind of Object.keys(CALLS) as SharedBuildKind[]) if (CALLS[kind].test(text)) used.add(kind);
    for (const [, specifier] of text.matchAll(RELATIVE_IMPORT)) {
      // The tests import TypeScript modules by their compiled name (./x.js); src/ never calls the shared builds.
      const target = resolve(dirname(module), specifier!.replace(/\.js$/, '.ts'));
      if (target.startsWith(TESTS) && target.endsWith('.ts') && existsSync(target)) visit(target);
    }
  };
  visit(file);
  return used;
}
