/**
 * The cost of the build's atomic swap (src/core/write-atomic.ts `exchange`: renameat2 RENAME_EXCHANGE through
 * python3's ctypes): wall time of 20 exchanges of two empty folders (mostly python3's start-up).
 * Run: node --import tsx bench/swap.ts
 */
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exchange } from '../src/core/write-atomic.js';

const folder = mkdtempSync(join(tmpdir(), 'asm-kg-swap-'));
const [a, b] = [join(folder, 'a'), join(folder, 'b')];
mkdirSync(a);
mkdirSync(b);
const wall: number[] = [];
for (let i = 0; i < 20; i++) {
  const started = performance.now();
  if (!exchange(a, b)) throw new Error('no atomic exchange on this platform: the build falls back to two renames');
  wall.push(performance.now() - started);
}
const median = (values: number[]) => [...values].sort((x, y) => x - y)[Math.floor(values.length / 2)]!;
console.log(`exchange of two folders, 20 runs: wall median ${median(wall).toFixed(1)} ms, max ${Math.max(...wall).toFixed(1)} ms`);
rmSync(folder, { recursive: true });
