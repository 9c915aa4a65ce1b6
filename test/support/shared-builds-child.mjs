/**
 * One build for the shared-builds service (test/support/shared-builds-setup.ts), run in a child process so
 * that a build's CPU-bound stretches never stall vitest's main process:
 *   node test/support/shared-builds-child.mjs release ROOT OUT REPORT
 *   node test/support/shared-builds-child.mjs site ROOT OUT REPORT SITE_URL
 * It builds with the compiled lib/, as `asm-kg build` and `asm-kg site` do: the run's preflight
 * (test/preflight/global-setup.ts) compiles lib/ from src/ first whenever it is older, so the code is the
 * tests' own. Plain JavaScript, not TypeScript through tsx: tsx would compile src/ again on each build's
 * start and run it slower (a release build took 8.6 s of CPU under tsx, 5.4 s from lib/). It writes what
 * build() or buildSite() reported to REPORT as JSON. A failure exits non-zero with the error's message on stderr.
 */
import { writeFileSync } from 'node:fs';

const [kind, root, outDir, reportFile, siteUrl] = process.argv.slice(2);
if (root === undefined || outDir === undefined || reportFile === undefined || (kind !== 'release' && kind !== 'site')) {
  process.stderr.write('usage: shared-builds-child.mjs release|site ROOT OUT REPORT [SITE_URL]\n');
  process.exit(2);
}
try {
  const report = kind === 'release'
    ? await (await import('../../lib/build/build.js')).build({ root, outDir })
    : await (await import('../../lib/site/build-site.js')).buildSite({ root, outDir, ...(siteUrl === undefined ? {} : { siteUrl }) });
  writeFileSync(reportFile, JSON.stringify(report));
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  process.exit(1);
}
