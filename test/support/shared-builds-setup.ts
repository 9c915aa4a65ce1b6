/**
 * vitest's global setup for the builds the tests share. A test file uses them with one import:
 *
 *   import { sharedRelease, sharedSite } from './support/shared-builds.js';
 *   beforeAll(async () => { release = await sharedRelease(); site = await sharedSite(); }, 600_000);
 *
 * (what each gives: test/support/shared-builds.ts; for contributors: docs/contributing.md, "Tests").
 *
 * Building the release takes the better part of a minute and building the site longer; most test files only
 * read what a build wrote. So one process, vitest's main one, owns one release build and one site build per
 * run, each made the first time a test file asks for it (a file run on its own builds only what it uses) and
 * removed when the run ends. The builds run in child processes (shared-builds-child.mjs, with the compiled lib/), from a frozen copy
 * of the project's inputs, so that nothing a test or another build does to the working tree reaches them.
 *
 * Test files ask over loopback HTTP: GET /release and GET /site answer, once the build is done, its folder and
 * report as JSON, or 500 with the build's error. The site is built for, and served by, a static server started
 * here (/site/ on a free loopback port), so that its w3id/.htaccess redirects to a live site.
 *
 * The run's sequencer (shared-builds-sequencer.ts) starts the builds the run's files use as soon as it knows
 * them, through START_BUILD, so that they are under way while the files that need no build run.
 *
 * With ASM_KG_SHARED_BUILDS_LOG=FILE, the service and the test files append to FILE, one line each, when each
 * build started and was ready and how long each file waited for one, in ms since the run's start (off by
 * default; the times the README's CI figures come from).
 *
 * vitest runs a global setup once per project (vitest.config.ts has two, and the root one), each in the same
 * main process: they share one service, so that a build is made once per run whichever project asks first.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { serveStatic } from '../site/static-server.js';
import { ROOT } from './project.js';
import { START_BUILD } from './shared-builds-sequencer.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Where test files ask for the shared builds, and the URL the shared site is served at. */
    asmKgSharedBuilds: { service: string; siteUrl: string; runStart: number };
  }
}

const CHILD = join(import.meta.dirname, 'shared-builds-child.mjs');
/** What a build reads: a copy is taken once, before the first build. */
const INPUTS = ['data', 'dist', 'queries', 'ontology'];

interface Service {
  provided: { service: string; siteUrl: string; runStart: number };
  /** The projects whose setup has not been torn down yet. */
  users: number;
  close: () => Promise<void>;
}

/** The run's one service, kept where every project's copy of this module finds it. */
const SERVICE = Symbol.for('asm-kg.shared-builds.service');

export default async function sharedBuilds(project: TestProject): Promise<() => Promise<void>> {
  const holder = globalThis as { [SERVICE]?: Promise<Service> };
  holder[SERVICE] ??= startService();
  const service = await holder[SERVICE];
  service.users++;
  project.provide('asmKgSharedBuilds', service.provided);
  return async () => {
    if (--service.users > 0) return;
    delete holder[SERVICE];
    delete (globalThis as { [START_BUILD]?: unknown })[START_BUILD];
    await service.close();
  };
}

/** One line of the ASM_KG_SHARED_BUILDS_LOG file, if there is one. */
export function logSharedBuilds(line: string): void {
  const file = process.env['ASM_KG_SHARED_BUILDS_LOG'];
  if (file !== undefined && file !== '') appendFileSync(file, `${line}\n`);
}

async function startService(): Promise<Service> {
  const runStart = Date.now();
  const run = mkdtempSync(join(tmpdir(), 'asm-kg-shared-builds-'));
  const root = join(run, 'project');
  const site = await serveStatic(join(run, 'site'), { prefix: '/site/' });
  const children = new Set<ChildProcess>();
  let frozen = false;
  const freeze = () => {
    if (frozen) return;
    // Hidden files in these folders are a build's temporaries (dist/.asm-kg-*): never inputs.
    for (const dir of INPUTS) cpSync(join(ROOT, dir), join(root, dir), { recursive: true, filter: (source) => !/[\\/]\.[^\\/]*$/.test(source) || source === join(ROOT, dir) });
    frozen = true;
  };

  /** Runs one build in a child process; resolves with the JSON it answers. */
  const runBuild = (kind: 'release' | 'site', outDir: string, extra: string[]): Promise<unknown> => {
    freeze();
    const reportFile = join(run, `${kind}.report.json`);
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [CHILD, kind, root, outDir, reportFile, ...extra], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
      children.add(child);
      let stderr = '';
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => { stderr += chunk; });
      child.on('error', reject);
      child.on('close', (code, signal) => {
        children.delete(child);
        if (code === 0) resolve(JSON.parse(readFileSync(reportFile, 'utf8')));
        else reject(new Error(`the shared ${kind} build (test/support/shared-builds-child.mjs) failed (${signal ?? `exit ${code}`}):\n${stderr}`));
      });
    });
  };

  const builds: Record<string, () => Promise<unknown>> = {
    release: () => runBuild('release', join(run, 'release'), []).then((report) => ({ root, outDir: join(run, 'release'), report })),
    site: () => runBuild('site', join(run, 'site'), [site.url]).then((report) => ({ root, dir: join(run, 'site'), url: site.url, report })),
  };
  const made = new Map<string, Promise<unknown>>();
  /** The build of `kind`, started on the first call. */
  const start = (kind: string): Promise<unknown> => {
    if (!made.has(kind)) {
      logSharedBuilds(`${kind}\tstarted\t${Date.now() - runStart}`);
      const build = builds[kind]!();
      build.then(() => logSharedBuilds(`${kind}\tready\t${Date.now() - runStart}`), () => logSharedBuilds(`${kind}\tfailed\t${Date.now() - runStart}`));
      made.set(kind, build);
    }
    return made.get(kind)!;
  };
  // Early starts, from the sequencer: a failure is answered to the files that ask, as on demand.
  (globalThis as { [START_BUILD]?: (kind: string) => void })[START_BUILD] = (kind) => { start(kind).catch(() => {}); };
  const service: Server = createServer((request, response) => {
    const kind = request.url?.slice(1) ?? '';
    if (builds[kind] === undefined) { response.writeHead(404).end(`no shared build "${kind}": ask for ${Object.keys(builds).join(' or ')}`); return; }
    start(kind).then(
      (answer) => response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer)),
      (error: Error) => response.writeHead(500, { 'content-type': 'text/plain' }).end(error.message),
    );
  });
  await new Promise<void>((resolve) => service.listen(0, '127.0.0.1', resolve));

  return {
    provided: { service: `http://127.0.0.1:${(service.address() as AddressInfo).port}/`, siteUrl: site.url, runStart },
    users: 0,
    close: async () => {
      for (const child of children) child.kill('SIGKILL');
      await Promise.all([new Promise((resolve) => service.close(resolve)), site.close()]);
      rmSync(run, { recursive: true, force: true });
    },
  };
}
