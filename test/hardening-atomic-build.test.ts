/**
 * Issue 8, finding 7: the build swaps dist/ in atomically. A build process is killed with SIGKILL at
 * each step (a test hook pauses it there) and at arbitrary moments; every time, dist/ exists and is a
 * complete release, and the next build removes what the killed one left. Where the atomic exchange is
 * not available (forced here), a kill between the two renames is repaired by the next build. A folder
 * that cannot be written is reported in one line before anything is swapped, and the old release stays.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { PublishError } from '../src/core/errors.js';
import { exchange, removeStaleFolders, replaceFolder } from '../src/core/write-atomic.js';
import { ROOT, scratchProject } from './support/project.js';
import { rejection } from './support/rejection.js';
import { sharedRelease } from './support/shared-builds.js';

const project = scratchProject();
const dist = join(project.root, 'dist');
// The compiled CLI, as a user runs it (the preflight compiles lib/ from src/ first): tsx would add a second and
// a half of start-up to each of the file's builds.
const CLI = join(ROOT, 'lib/cli.js');
afterAll(() => project.cleanup());

/** Every file under `dir` with its bytes, by relative path. */
const files = (dir: string): Record<string, string> =>
  Object.fromEntries(readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name))).sort().map((name) => [name, readFileSync(join(dir, name), 'latin1')]));

let release: Record<string, string>;
const OLD_MARK = 'previous-build.txt';

/** The folders beside dist/ (dist itself and what builds left). */
const besideDist = () => readdirSync(project.root).filter((name) => name.startsWith('dist')).sort();

/** Whether dist/ is the complete release, the old one (with the mark) or a new one (without). */
function expectComplete(which: 'old' | 'new'): void {
  const now = files(dist);
  expect(OLD_MARK in now, `dist/ should be the ${which} release`).toBe(which === 'old');
  delete now[OLD_MARK];
  expect(Object.keys(now)).toEqual(Object.keys(release));
  expect(now).toEqual(release);
}

/** Runs `asm-kg build` in a child process; resolves when it has exited (killed or not). */
function buildProcess(env: Record<string, string>, killWhen: { stderr: string } | { afterMs: number } | undefined) {
  return new Promise<{ code: number | null; signal: string | null; stderr: string; pid: number }>((resolve) => {
    const child = spawn(process.execPath, [CLI, 'build', '--root', project.root], { cwd: ROOT, env: { ...process.env, ...env } });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (killWhen && 'stderr' in killWhen && stderr.includes(killWhen.stderr)) child.kill('SIGKILL');
    });
    if (killWhen && 'afterMs' in killWhen) setTimeout(() => child.kill('SIGKILL'), killWhen.afterMs);
    child.on('exit', (code, signal) => {
      void exchangeSettled(join(project.root, `dist.tmp-${child.pid!}`)).then(() => resolve({ code, signal, stderr, pid: child.pid! }));
    });
  });
}

/**
 * The swap of dist/ and the new folder is one rename (renameat2 RENAME_EXCHANGE) made by a helper process
 * (src/core/write-atomic.ts, exchange()): a build killed while the helper runs leaves it to make that rename,
 * which it does whole or not at all, a moment after the build has gone. Waits until no process names the
 * build's new folder, so that what a test reads of dist/ does not change under it.
 */
async function exchangeSettled(temporary: string): Promise<void> {
  const helperRunning = () => readdirSync('/proc').some((entry) => {
    if (!/^\d+$/.test(entry)) return false;
    try { return readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').includes(temporary); } catch { return false; }
  });
  while (helperRunning()) await new Promise((settle) => setTimeout(settle, 10));
}

/**
 * The build that follows a killed one. In-process (build()) where the test is about what it cleans up and
 * writes: a child process would add only its start; one test runs it as `asm-kg build` and checks its exit code.
 */
async function nextBuild(as: 'process' | 'in-process'): Promise<void> {
  if (as === 'process') {
    const next = await buildProcess({}, undefined);
    expect(next.code, next.stderr).toBe(0);
    return;
  }
  const { build } = await import('../src/build/build.js');
  await build({ root: project.root });
}

beforeAll(async () => {
  // scratchProject() carries the released folders into dist/, as the committed dist/ has them.
  expect(existsSync(dist)).toBe(true);
  // The complete release: the run's shared build of the same sources (another process, another copy of them),
  // put in place as a first build would; every build of this file must then write exactly these bytes.
  const shared = await sharedRelease();
  rmSync(dist, { recursive: true });
  cpSync(shared.outDir, dist, { recursive: true });
  release = files(dist);
  writeFileSync(join(dist, OLD_MARK), 'the previous release');
}, 600_000);

describe('exchange', () => {
  it('swaps two folders in one step (renameat2 RENAME_EXCHANGE)', () => {
    const [a, b] = [join(project.root, 'x-a'), join(project.root, 'x-b')];
    mkdirSync(a); mkdirSync(b);
    writeFileSync(join(a, 'in-a'), ''); writeFileSync(join(b, 'in-b'), '');
    expect(exchange(a, b)).toBe(true);
    expect([readdirSync(a), readdirSync(b)]).toEqual([['in-b'], ['in-a']]);
    execFileSync('rm', ['-r', a, b]);
  });
});

describe('a build killed with SIGKILL', () => {
  it.each([
    ['created', 'old', 'in-process'],
    ['filled', 'old', 'in-process'],
    ['swapped', 'new', 'process'],
  ] as const)('at "%s" leaves dist/ a complete release (the %s one), and the next build (%s) cleans up', async (step, which, next) => {
    writeFileSync(join(dist, OLD_MARK), 'the previous release');
    const killed = await buildProcess({ ASM_KG_TEST_PAUSE: step }, { stderr: `paused at ${step}` });
    expect(killed.signal).toBe('SIGKILL');
    expectComplete(which);
    expect(besideDist()).toEqual(['dist', `dist.tmp-${killed.pid}`]);

    await nextBuild(next);
    expectComplete('new');
    expect(besideDist()).toEqual(['dist']);
  }, 60_000);

  it.each([1500, 3000, 4500])('after %i ms (whatever it was doing) leaves dist/ a complete release', async (ms) => {
    writeFileSync(join(dist, OLD_MARK), 'the previous release');
    const killed = await buildProcess({}, { afterMs: ms });
    const now = files(dist);
    expectComplete(OLD_MARK in now ? 'old' : 'new');
    if (killed.signal === 'SIGKILL') {
      removeStaleFolders(dist);
      expect(besideDist()).toEqual(['dist']);
    }
  }, 60_000);

  it('between the two renames of the fallback (no exchange) is repaired by the next build', async () => {
    writeFileSync(join(dist, OLD_MARK), 'the previous release');
    const killed = await buildProcess({ ASM_KG_NO_EXCHANGE: '1', ASM_KG_TEST_PAUSE: 'moved-aside' }, { stderr: 'paused at moved-aside' });
    expect(killed.signal).toBe('SIGKILL');
    // This is the window the exchange closes: no dist/ until the next build starts.
    expect(besideDist()).toEqual([`dist.old-${killed.pid}`, `dist.tmp-${killed.pid}`]);
    removeStaleFolders(dist);
    expectComplete('old');
    expect(besideDist()).toEqual(['dist']);
  }, 60_000);
});

describe('a folder of dist/ that cannot be written', () => {
  /** Makes `path` unwritable (immutable for root, whom modes do not stop); the returned function undoes it. */
  const lock = (path: string): (() => void) => {
    const root = process.getuid?.() === 0;
    execFileSync(root ? 'chattr' : 'chmod', [root ? '+i' : 'a-w', path]);
    return () => execFileSync(root ? 'chattr' : 'chmod', [root ? '-i' : 'u+w', path]);
  };
  const why = process.getuid?.() === 0 ? 'EPERM: operation not permitted' : 'EACCES: permission denied';

  it('is named in one line, with exit 1, before the swap, and the old release stays', async () => {
    writeFileSync(join(dist, OLD_MARK), 'the previous release');
    const locked = readdirSync(dist).filter((name) => /^\d/.test(name)).sort()[0]!;
    const path = join(dist, locked);
    const unlock = lock(path);
    try {
      const run = await buildProcess({}, undefined);
      expect(run.code).toBe(1);
      expect(run.stderr).toBe(`asm-kg: ${path}: is not writable, so the old release could not be replaced; it was left in place (${why})\n`);
      expectComplete('old');
      expect(besideDist()).toEqual(['dist']);
    } finally {
      unlock();
    }
  }, 60_000);

  it('is refused before the new folder is filled (replaceFolder), and nothing is left beside it', async () => {
    const target = join(project.root, 'refused-early');
    mkdirSync(join(target, 'locked'), { recursive: true });
    const unlock = lock(join(target, 'locked'));
    let filled = false;
    try {
      const error = await rejection(replaceFolder(target, async () => { filled = true; }));
      expect(error).toEqual(new PublishError(join(target, 'locked'), `is not writable, so the old release could not be replaced; it was left in place (${why})`));
      expect(filled).toBe(false);
    } finally {
      unlock();
    }
    expect(readdirSync(project.root).filter((name) => name.startsWith('refused-early'))).toEqual(['refused-early']);
    rmSync(target, { recursive: true });
  });

  it('made unwritable while the new folder is filled, is refused before the swap, and the old folder stays', async () => {
    const target = join(project.root, 'refused-late');
    mkdirSync(join(target, 'locked'), { recursive: true });
    writeFileSync(join(target, 'locked', 'old.txt'), 'old');
    let unlock = (): void => {};
    try {
      const error = await rejection(replaceFolder(target, async (folder) => {
        writeFileSync(join(folder, 'new.txt'), 'new');
        unlock = lock(join(target, 'locked'));
      }));
      expect(error).toEqual(new PublishError(join(target, 'locked'), `is not writable, so the old release could not be replaced; it was left in place (${why})`));
    } finally {
      unlock();
    }
    expect(files(target)).toEqual({ 'locked/old.txt': 'old' });
    expect(readdirSync(project.root).filter((name) => name.startsWith('refused-late'))).toEqual(['refused-late']);
    rmSync(target, { recursive: true });
  });

  it('in-process, the build rejects with a PublishError', async () => {
    const { build } = await import('../src/build/build.js');
    const unlock = lock(dist);
    try {
      const error = await rejection(build({ root: project.root }));
      expect(error).toBeInstanceOf(PublishError);
      expect((error as PublishError).path).toBe(dist);
      expect(existsSync(join(dist, OLD_MARK))).toBe(true);
    } finally {
      unlock();
    }
    expect(besideDist()).toEqual(['dist']);
  }, 60_000);
});
