/**
 * How a query process (query-process.ts) is started: `child_process.fork` with a hard V8 heap limit
 * (--max-old-space-size), structured-clone IPC (so that result bytes cross as bytes), and stderr kept so
 * that the supervisor (supervisor.ts) can tell an out-of-memory death from another crash. Compiled, the
 * child runs lib/serve/pool/query-process.js; under the tests (src/*.ts through tsx) it runs the
 * TypeScript source with tsx's loader.
 *
 * Oxigraph's WebAssembly memory has its own cap (--wasm-max-mem-pages, below), as large as the heap's.
 *
 * An address-space rlimit (prlimit --as) on top of the heap limit was measured and left out: see
 * docs/serving.md, "Isolation, fairness, memory".
 */
import { fork, type ChildProcess } from 'node:child_process';
import { childModule } from '../../core/child-module.js';
import type { EvaluatorConfig } from './evaluate.js';
import { CONFIG_VARIABLE } from './process-protocol.js';

/** How much of a process's stderr is kept (its end), to say why it died. */
const STDERR_TAIL = 4096;

export interface QueryProcess {
  child: ChildProcess;
  /** The last STDERR_TAIL characters the process wrote to stderr. */
  stderr(): string;
}

/**
 * V8 flags of every query process besides the heap limit: a young generation of 4 MiB semi-spaces rather
 * than 16 (an idle process measured 124 MB RSS with the default, 93 MB with 1 MiB, 113 MB with 4), and
 * gc() for query-process.ts to give memory back after a large query.
 */
const V8_FLAGS = ['--max-semi-space-size=4', '--expose-gc'];

/**
 * WebAssembly memory pages (64 KiB each) per MB. Oxigraph's memory is a WebAssembly memory, outside the V8
 * heap and its limit: --wasm-max-mem-pages caps it at the same number of MB as the heap, so that
 * --max-query-memory bounds each engine (a process can hold at most twice it). Measured with our graph
 * (oxigraph 0.5.11, Node 20): loading it takes 4.6 MB of WebAssembly memory (a cap of 6 MB loads it, 4 MB
 * does not); the string-doubling query traps at any cap from 6 MB to 256 MB (measured) and is
 * answered without one (4 GB).
 */
export const WASM_PAGES_PER_MB = 16;

/**
 * glibc's malloc, told to give freed memory back: with the default, every large block freed raises the
 * size from which blocks are mapped apart (up to 32 MB), so the buffers of large queries stay in the C heap
 * and the process never shrinks. A fixed trim threshold turns that off (a block of 128 KiB or more is
 * mapped apart and unmapped when freed, and free memory at the heap's top is given back). Measured on one
 * query process answering distinct 250 KB queries: at rest 106–118 MB, after 50 to 100 of them 127–158 MB;
 * with the threshold, 93–96 MB at rest and 89–106 MB after. Set only where the environment does not set it
 * already; other C libraries ignore it.
 */
const MALLOC_ENV = { MALLOC_TRIM_THRESHOLD_: '131072' };

export function startQueryProcess(config: EvaluatorConfig, maxHeapMb: number): QueryProcess {
  const heap = [`--max-old-space-size=${maxHeapMb}`, `--wasm-max-mem-pages=${maxHeapMb * WASM_PAGES_PER_MB}`, ...V8_FLAGS];
  const { module, execArgv } = childModule(import.meta.url, 'query-process', heap);
  const child = fork(module, [], {
    execArgv,
    serialization: 'advanced',
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    env: { ...MALLOC_ENV, ...process.env, [CONFIG_VARIABLE]: JSON.stringify(config) },
  });
  let tail = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => { tail = (tail + chunk).slice(-STDERR_TAIL); });
  return { child, stderr: () => tail };
}
