/**
 * The installer behind `npm run test:debian`: with every program there it installs nothing; when one is
 * missing it refuses, in one line with exit 1 and before running apt-get, without apt-get or without root.
 * (Its apt-get path itself is what CI runs on a fresh machine: `.ci/run`.)
 */
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../support/project.js';

const scratch = mkdtempSync(join(tmpdir(), 'asm-kg-installer-'));
chmodSync(scratch, 0o755); // the test without root runs the installer as nobody, who must reach its PATH folder
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A folder for PATH holding only `commands` (rapper is never among them), each a link to the real program. */
function pathWith(name: string, commands: string[]): string {
  const dir = join(scratch, name);
  mkdirSync(dir);
  for (const command of commands) symlinkSync(spawnSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' }).stdout.trim(), join(dir, command));
  return dir;
}

function installer(options: SpawnSyncOptions = {}): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, [join(ROOT, 'node_modules/tsx/dist/cli.mjs'), join(ROOT, 'test/preflight/install-system-tools.ts')],
    { cwd: ROOT, encoding: 'utf8', timeout: 60_000, ...options });
  return { status: run.status, stdout: String(run.stdout), stderr: String(run.stderr) };
}

describe('install-system-tools', () => {
  it('installs nothing when every program is there', () => {
    expect(installer()).toEqual({ status: 0, stdout: 'asm-kg: every program the tests run is installed.\n', stderr: '' });
  });

  it('refuses without apt-get, naming what is missing and its package', () => {
    const path = pathWith('no-apt-get', ['git', 'chattr', 'sh']);
    expect(installer({ env: { ...process.env, PATH: path } })).toEqual({
      status: 1, stdout: '',
      stderr: 'asm-kg: the tests need programs this machine lacks (rapper on PATH), and it has no apt-get to install them (Debian packages: raptor2-utils): install them another way, then run `npm test`.\n',
    });
  });

  it('refuses without root, giving the sudo commands', () => {
    const path = pathWith('apt-get-but-no-rapper', ['git', 'chattr', 'sh', 'apt-get']);
    // Run as root, the test drops to nobody, as a newcomer's own account would be.
    const asUser = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
    expect(installer({ env: { ...process.env, PATH: path }, ...asUser })).toEqual({
      status: 1, stdout: '',
      stderr: 'asm-kg: the tests need programs this machine lacks (rapper on PATH); installing them takes root: run `sudo npm run test:debian`, or `sudo apt-get install --no-install-recommends raptor2-utils` and then `npm test`.\n',
    });
  });
});
