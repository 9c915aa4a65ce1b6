/**
 * One build for the shared-builds service (test/support/shared-builds-setup.ts), run in a child process so
 * that a build's CPU-bound stretches never stall vitest's main process:
 *   node --import tsx test/support/shared-builds-child.ts release ROOT OUT REPORT
 *   node --import tsx test/support/shared-builds-child.ts site ROOT OUT REPORT SITE_URL
 * It builds from src/ (as the tests' own builds do) and writes what build() or buildSite() reported to REPORT
 * as JSON. A failure exits non-zero with the error's message on stderr.
 */
import { writeFileSync } from 'node:fs';
import { build } from '../../src/build/build.js';
import { buildSite } from '../../src/site/build-site.js';

const [kind, root, outDir, reportFile, siteUrl] = process.argv.slice(2);
if (root === undefined || outDir === undefined || reportFile === undefined || (kind !== 'release' && kind !== 'site')) {
  process.stderr.write('usage: shared-builds-child.ts release|site ROOT OUT REPORT [SITE_URL]\n');
  process.exit(2);
}
try {
  const report = kind === 'release' ? await build({ root, outDir }) : await buildSite({ root, outDir, ...(siteUrl === undefined ? {} : { siteUrl }) });
  writeFileSync(reportFile, JSON.stringify(report));
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  process.exit(1);
}
