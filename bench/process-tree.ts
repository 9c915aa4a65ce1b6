/**
 * Processes and their memory, read from /proc (Linux), for the benches that measure a command with the
 * processes it starts (bench/scale.ts, bench/hostile.ts, bench/process-start.ts).
 */
import { readdirSync, readFileSync } from 'node:fs';

/** A process and all its descendants, the process first. */
export function processTree(root: number): number[] {
  const parents = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      parents.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch { /* ended meanwhile */ }
  }
  const found = [root];
  for (let i = 0; i < found.length; i++) for (const [pid, ppid] of parents) if (ppid === found[i]) found.push(pid);
  return found;
}

/** A process's resident memory in MB; 0 once it has ended. */
export function rssMb(pid: number): number {
  try { return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024; } catch { return 0; }
}

/** Resident memory (MB) of a process alone and with all its descendants. */
export function treeRss(pid: number): { own: number; tree: number } {
  return { own: rssMb(pid), tree: processTree(pid).reduce((sum, p) => sum + rssMb(p), 0) };
}
