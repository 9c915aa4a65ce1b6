/**
 * The release and the site, built once per test run and shared by every test file that only reads them
 * (test/support/shared-builds-setup.ts builds them, on first demand). One import:
 *
 *   import { sharedRelease, sharedSite } from './support/shared-builds.js';
 *   beforeAll(async () => { release = await sharedRelease(); }, 600_000);
 *
 * sharedRelease(): a fresh build of the sources (build() with the default options) into a temporary folder:
 *   `outDir` is what dist/ would hold, `dir` its current version's folder, `report` build()'s report.
 * sharedSite(): the static site built from the committed dist/, with `url` (…/site/ on loopback) the live
 *   static server of its folder `dir` and the target of its w3id/.htaccess; `root` is the frozen copy of the
 *   project it was built from.
 * Both folders are shared: never write into them. A test of the build itself (its failures, its atomicity,
 * its options) builds on its own.
 */
import { appendFileSync } from 'node:fs';
import { request } from 'node:http';
import { join, relative } from 'node:path';
import { expect, inject } from 'vitest';
import type { BuildReport } from '../../src/build/build.js';
import type { SiteReport } from '../../src/site/build-site.js';
import { ROOT } from './project.js';

export interface SharedRelease {
  /** The frozen copy of the project the release was built from. */
  root: string;
  /** The build's output folder, as dist/ holds it: the released versions, the current one, void.ttl, … */
  outDir: string;
  /** The current version's folder, <outDir>/<version>. */
  dir: string;
  report: BuildReport;
}

export interface SharedSite {
  /** The frozen copy of the project the site was built from (its dist/ is the committed one). */
  root: string;
  /** The site's folder. */
  dir: string;
  /** Where a static server serves `dir`, ending in "/site/"; the target of w3id/.htaccess. */
  url: string;
  report: SiteReport;
}

const asked = new Map<string, Promise<unknown>>();

/** The service's answer for one build (it may take minutes on a busy machine, so no time limit). */
function ask<T>(kind: 'release' | 'site'): Promise<T> {
  if (!asked.has(kind)) {
    asked.set(kind, new Promise((resolve, reject) => {
      const { service, runStart } = inject('asmKgSharedBuilds');
      const asking = Date.now();
      const log = (): void => logWait(kind, runStart, asking);
      // No keep-alive (agent: false): an idle socket left open would hold the test's process at its end.
      const req = request(new URL(kind, service), { agent: false }, (response) => {
        let body = '';
        response.setEncoding('utf8').on('data', (chunk: string) => { body += chunk; });
        response.on('end', () => { log(); return response.statusCode === 200 ? resolve(JSON.parse(body)) : reject(new Error(body)); });
      });
      req.on('error', reject);
      req.end();
    }));
  }
  return asked.get(kind) as Promise<T>;
}

/** With ASM_KG_SHARED_BUILDS_LOG=FILE (shared-builds-setup.ts): how long this file waited, in ms since the run's start. */
function logWait(kind: string, runStart: number, asking: number): void {
  const file = process.env['ASM_KG_SHARED_BUILDS_LOG'];
  if (file === undefined || file === '') return;
  const now = Date.now();
  const testFile = relative(ROOT, expect.getState().testPath ?? '?');
  appendFileSync(file, `${kind}\twaited\t${asking - runStart}\t${now - runStart}\t${now - asking}\t${testFile}\n`);
}

export async function sharedRelease(): Promise<SharedRelease> {
  const answer = await ask<Omit<SharedRelease, 'dir'>>('release');
  return { ...answer, dir: join(answer.outDir, answer.report.release.version) };
}

export function sharedSite(): Promise<SharedSite> {
  return ask<SharedSite>('site');
}
