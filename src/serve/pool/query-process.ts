/**
 * A query process: a child of the server (started by process-start.ts), so that a query that exhausts
 * memory kills this process and never the server. It creates the evaluator (evaluate.ts) from the
 * configuration the server passes in its environment, says it is ready, then evaluates one task at a time.
 * The pool kills a process whose query runs past the time limit (scheduler.ts, through supervisor.ts).
 *
 * Oxigraph's WebAssembly memory is outside the V8 heap limit; process-start.ts caps it with
 * --wasm-max-mem-pages. A query that reaches the cap ends in a trap, after which Oxigraph's store is unsound:
 * this process then says so on stderr, in the words the supervisor reads as running out of memory ("out of
 * memory"), and exits without answering, exactly as a process that reached its heap limit does; the pool
 * answers QueryMemoryError and starts a replacement.
 */
import { createEvaluator, type EvaluatorConfig } from './evaluate.js';
import { WASM_PAGES_PER_MB } from './process-start.js';
import { CONFIG_VARIABLE, type FromProcess, type ToProcess } from './process-protocol.js';

/**
 * After a task, a full collection runs if the process has grown this much beyond its size when ready:
 * V8 would otherwise keep the garbage of a few large queries for a long while (measured: 125 MB idle,
 * 157 MB after 60 distinct 250 KB queries, 126 MB after gc()).
 */
const GC_GROWTH_BYTES = 24 * 1024 * 1024;

/** The exit code after an Oxigraph trap (EX_SOFTWARE). */
const TRAP_EXIT_CODE = 70;

/** The WebAssembly memory cap this process was started with (process-start.ts), in MB. */
function wasmCapMb(): number | undefined {
  const flag = process.execArgv.find((arg) => arg.startsWith('--wasm-max-mem-pages='));
  return flag === undefined ? undefined : Number(flag.split('=')[1]) / WASM_PAGES_PER_MB;
}

async function main(): Promise<void> {
  const send = process.send?.bind(process);
  if (send === undefined) throw new Error('query-process runs as a child of the server only (it needs an IPC channel)');
  const config = JSON.parse(process.env[CONFIG_VARIABLE] ?? 'null') as EvaluatorConfig | null;
  if (config === null) throw new Error(`query-process: ${CONFIG_VARIABLE} is not set`);
  const evaluator = await createEvaluator(config, {
    onTrap: (error) => {
      const cap = wasmCapMb();
      // stderr is a pipe, written synchronously on Linux: the pool has the line before it sees the exit.
      process.stderr.write(`${error.message}${error.panic === undefined && cap !== undefined ? `: its WebAssembly memory reached the cap of ${cap} MB` : ''}\n`);
      process.exit(TRAP_EXIT_CODE);
    },
  });
  const gc = (globalThis as { gc?: () => void }).gc;
  const readyRss = process.memoryUsage.rss();
  // The server going away closes the channel: nothing is left to answer, so this process ends too.
  process.on('disconnect', () => process.exit(0));
  process.on('message', (message: ToProcess) => {
    void evaluator.run(message.task).then((outcome) => {
      const reply: FromProcess = { type: 'done', id: message.id, outcome };
      send(reply);
      if (gc !== undefined && process.memoryUsage.rss() > readyRss + GC_GROWTH_BYTES) setImmediate(gc);
    });
  });
  const ready: FromProcess = { type: 'ready', quads: evaluator.quads };
  send(ready);
}

main().catch((error: unknown) => {
  // The pool reads the last lines of stderr to say why a process could not start.
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
