/**
 * The server of the hostile scenarios in this folder: the command line (`node lib/cli.js serve`) in its own
 * process, so that its RSS and file handles are its own, and helpers shared by the scenarios.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { processTree, treeRss } from '../process-tree.js';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface CliServer { url: string; port: number; process: ChildProcess; pid: number }

/**
 * The command line the scenarios run: this tree's, or HOSTILE_CLI's (another build's lib/cli.js, to measure
 * it in the same conditions, back to back).
 */
export const CLI = process.env.HOSTILE_CLI ?? `${ROOT}lib/cli.js`;

/** `serve` of the command line `cli` (CLI by default; bench/hostile.ts also runs a baseline's) on a free port. */
export async function startCliServer(args: string[] = [], cli = CLI): Promise<CliServer> {
  const child = spawn(process.execPath, [cli, 'serve', '--port', '0', '--root', ROOT, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /listening on (http:\/\/[^/\s]+)\//.exec(out);
      if (match) resolve(match[1]!);
    });
    child.stderr!.on('data', (chunk: Buffer) => { out += chunk.toString(); });
    child.on('exit', (code) => reject(new Error(`the server exited (${code}) before listening:\n${out}`)));
  });
  return { url, port: Number(new URL(url).port), process: child, pid: child.pid! };
}

export async function stopCliServer(server: CliServer): Promise<void> {
  const pids = processTree(server.pid);
  server.process.kill('SIGINT');
  await new Promise((resolve) => { server.process.once('exit', resolve); setTimeout(resolve, 10_000); });
  for (const pid of pids) { try { process.kill(pid, 'SIGKILL'); } catch { /* gone already */ } }
}

/** The server's RSS alone and with its query processes, in MB. */
export function rss(server: CliServer): { own: number; tree: number } { return treeRss(server.pid); }

/** File handles the server process holds open now. */
export function openHandles(pid: number): number {
  try { return readdirSync(`/proc/${pid}/fd`).length; } catch { return 0; }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
};

/** Waits until the server answers `ASK {}` three times in a row within 100 ms (warm, idle), at most 90 s. */
export async function settle(url: string): Promise<void> {
  const deadline = performance.now() + 90_000;
  let fast = 0;
  let i = 0;
  while (fast < 3 && performance.now() < deadline) {
    const started = performance.now();
    await (await fetch(`${url}/sparql?query=${encodeURIComponent(`ASK { ?s ?p ${++i} }`)}`)).arrayBuffer();
    fast = performance.now() - started < 100 ? fast + 1 : 0;
    await sleep(250);
  }
}
