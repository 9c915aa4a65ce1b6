/**
 * Writing that never leaves anything half-done: files go to a temporary sibling and are renamed into
 * place; a folder is built beside the old one and swapped in only when complete.
 *
 * The swap of a folder is one atomic operation where the platform has one: Linux's
 * renameat2(RENAME_EXCHANGE) exchanges the new folder and the old one, so a process killed at any moment
 * leaves either the old release or the new one at `target`, never nothing. Node has no binding for
 * renameat2, so it is called through Python's ctypes (python3 ships with every Debian and Ubuntu); one call
 * is mostly Python's start-up, tens of milliseconds once per build (`node --import tsx bench/swap.ts`). Where it is missing (no python3, another OS, a file system without exchange) the swap
 * falls back to two renames, old aside then new in place; a kill between the two leaves no `target`, and
 * the next build puts the old folder back before it starts. Folders that a killed build left beside
 * `target` (`.tmp-PID`, `.old-PID` of a process that no longer runs) are removed at the next build's start.
 */
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { PublishError } from './errors.js';

export function writeFileAtomic(path: string, content: string | Uint8Array): void {
  mkdirSync(dirname(path), { recursive: true });
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    writeFileSync(temporary, content);
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}

/** How the last replaceFolder swapped its folder in, for the tests and the build report. */
export type SwapMethod = 'exchange' | 'two-renames' | 'rename';

/**
 * Calls `fill` on an empty temporary folder beside `target`; if it succeeds the folder replaces `target`,
 * if it throws `target` is left exactly as it was. A `target` that cannot be replaced (permissions) is
 * reported as a PublishError naming the path before anything is swapped: checked before `fill`, so that a
 * build does not make a whole release only to be refused, and again after it, for a folder made read-only
 * while it ran.
 */
export async function replaceFolder<T>(target: string, fill: (folder: string) => Promise<T>): Promise<T> {
  removeStaleFolders(target);
  if (existsSync(target)) checkRemovable(target);
  const temporary = `${target}.tmp-${process.pid}`;
  rmSync(temporary, { recursive: true, force: true });
  try {
    mkdirSync(temporary, { recursive: true });
  } catch (error) {
    throw publishError(dirname(temporary), error, 'cannot create the new release beside the old one');
  }
  let result: T;
  try {
    testPause('created');
    result = await fill(temporary);
    testPause('filled');
    if (existsSync(target)) checkRemovable(target);
  } catch (error) {
    rmSync(temporary, { recursive: true, force: true });
    throw error;
  }
  swapIn(temporary, target);
  return result;
}

/** The method the last swap used. */
export let lastSwapMethod: SwapMethod | undefined;

function swapIn(temporary: string, target: string): void {
  if (!existsSync(target)) {
    lastSwapMethod = 'rename';
    renameOrFail(temporary, target);
    return;
  }
  if (exchange(temporary, target)) {
    lastSwapMethod = 'exchange';
    testPause('swapped');
    // `temporary` now holds the old release, which nothing serves any more.
    removeOld(temporary, target);
    return;
  }
  lastSwapMethod = 'two-renames';
  const previous = `${target}.old-${process.pid}`;
  renameOrFail(target, previous);
  testPause('moved-aside');
  try {
    renameSync(temporary, target);
  } catch (error) {
    renameSync(previous, target);
    throw publishError(target, error, 'cannot move the new release in place; the old one was put back');
  }
  removeOld(previous, target);
}

function renameOrFail(from: string, to: string): void {
  try {
    renameSync(from, to);
  } catch (error) {
    throw publishError(to, error, 'cannot move the release in place');
  }
}

/** The old release, out of the way: removed; if it cannot be, the new release stays and the error says where. */
function removeOld(old: string, target: string): void {
  try {
    rmSync(old, { recursive: true, force: true });
  } catch (error) {
    throw publishError(old, error, `the new release is in place at ${target}, but the old one could not be removed; remove it by hand`);
  }
}

/**
 * Throws a PublishError unless every folder of `target` (and its parent) can be written, so that the
 * old release can be removed once the new one is in: checked before the swap, so that a permission
 * problem leaves the old release in place. (An immutable folder fails this check for root too.)
 */
function checkRemovable(target: string): void {
  const folders = [dirname(target), target, ...readdirSync(target, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isDirectory()).map((entry) => join(entry.parentPath, entry.name))];
  for (const folder of folders) {
    try {
      accessSync(folder, constants.W_OK);
    } catch (error) {
      throw publishError(folder, error, 'is not writable, so the old release could not be replaced; it was left in place');
    }
  }
}

function publishError(path: string, error: unknown, what: string): PublishError {
  const code = (error as NodeJS.ErrnoException).code;
  const why = code === 'EACCES' ? 'permission denied' : code === 'EPERM' ? 'operation not permitted' : code === 'EROFS' ? 'read-only file system'
    : code === 'ENOSPC' ? 'no space left on the device' : (error as Error).message;
  return new PublishError(path, `${what} (${code ?? 'error'}: ${why})`);
}

/** renameat2(AT_FDCWD, a, AT_FDCWD, b, RENAME_EXCHANGE) through ctypes: exit 0 done, 3 unsupported, 4 failed. */
const EXCHANGE_SCRIPT = `
import ctypes, errno, os, sys
try:
    libc = ctypes.CDLL(None, use_errno=True)
    renameat2 = libc.renameat2
except (OSError, AttributeError):
    sys.exit(3)
if renameat2(-100, os.fsencode(sys.argv[1]), -100, os.fsencode(sys.argv[2]), 2) == 0:
    sys.exit(0)
e = ctypes.get_errno()
if e in (errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP):
    sys.exit(3)
print(errno.errorcode.get(e, str(e)) + ' ' + os.strerror(e))
sys.exit(4)
`;

/**
 * Exchanges two folders atomically. False when the platform cannot (then the caller falls back to two
 * renames); a PublishError when it could but the exchange failed (permissions). ASM_KG_NO_EXCHANGE=1
 * forces the fallback, so that the tests can run it.
 */
export function exchange(a: string, b: string): boolean {
  if (process.platform !== 'linux' || process.env.ASM_KG_NO_EXCHANGE === '1') return false;
  // The system's Python: a version manager's `python3` on PATH (pyenv's shim) costs ten times its start-up.
  const python = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
  const run = spawnSync(python, ['-I', '-S', '-c', EXCHANGE_SCRIPT, a, b], { encoding: 'utf8' });
  if (run.error !== undefined || run.status === 3) return false;
  if (run.status === 0) return true;
  const [code = 'error', ...why] = run.stdout.trim().split(' ');
  throw new PublishError(b, `cannot swap the new release in (${code}: ${why.join(' ').toLowerCase() || 'unknown'}); the old one was left in place`);
}

/**
 * Removes the folders a killed build left beside `target`: `<name>.tmp-PID` and `<name>.old-PID` whose
 * process no longer runs. If `target` is missing and such an `.old-PID` folder exists (a build killed
 * between the two renames of the fallback), that folder is the last complete release: it is put back.
 */
export function removeStaleFolders(target: string): void {
  const parent = dirname(target);
  const name = basename(target);
  if (!existsSync(parent)) return;
  const pattern = new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.(tmp|old)-(\\d+)$`);
  for (const entry of readdirSync(parent).sort()) {
    const match = pattern.exec(entry);
    if (match === null || Number(match[2]) === process.pid || isRunning(Number(match[2]))) continue;
    const path = join(parent, entry);
    if (match[1] === 'old' && !existsSync(target)) renameSync(path, target);
    else rmSync(path, { recursive: true, force: true });
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * A test hook: with ASM_KG_TEST_PAUSE=<step>, the build stops at that step (created, filled, swapped,
 * moved-aside), says so on stderr and waits to be killed, so that a test can kill it exactly there.
 */
function testPause(step: string): void {
  if (process.env.ASM_KG_TEST_PAUSE !== step) return;
  process.stderr.write(`asm-kg: paused at ${step}\n`);
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 60_000);
}
