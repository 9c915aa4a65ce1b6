/**
 * How much heap a parsed --source takes per byte of its text, for the default of --max-source-bytes
 * (src/query/load-graph.ts). Run: node --expose-gc --import tsx bench/source-memory.ts
 */
import { rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadGraph } from '../src/query/load-graph.js';
const path = join(tmpdir(), `asm-kg-source-memory-${process.pid}.nt`);
const lines: string[] = [];
for (let i = 0; i < 300_000; i++) lines.push(`<http://example.org/s${i}> <http://example.org/p> "value number ${i}" .`);
writeFileSync(path, `${lines.join('\n')}\n`);
const bytes = Buffer.byteLength(`${lines.join('\n')}\n`);
lines.length = 0;
global.gc!();
const before = process.memoryUsage().heapUsed;
const dump = 'dist/0.1.0/asm-kg.nq';
const g = await loadGraph({ sources: [path, dump], includeBuilt: false });
global.gc!();
const after = process.memoryUsage().heapUsed;
console.log({ sourceBytes: bytes + statSync(dump).size, triples: g.size, heapMB: ((after - before) / 1048576).toFixed(1), ratio: ((after - before) / (bytes + statSync(dump).size)).toFixed(2) });
rmSync(path);
