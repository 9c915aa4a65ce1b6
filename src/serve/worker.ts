/**
 * A query worker: loads the built graph into its own store with the query API's loadGraph, warms its
 * engine, says it is ready, then runs one task at a time (run-query.ts). The pool (pool.ts) terminates a
 * worker whose query runs past the time limit, which stops the work wherever it is.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { loadGraph } from '../query/load-graph.js';
import { QueryRunner, type QueryTask, type RunnerConfig } from './run-query.js';

export interface WorkerConfig extends RunnerConfig {
  /** The project folder whose dist/ holds the built graph. */
  root: string;
}

export type ToWorker = { type: 'run'; id: number; task: QueryTask };
export type FromWorker =
  | { type: 'ready'; quads: number }
  | { type: 'done'; id: number; outcome: import('./run-query.js').TaskOutcome };

async function main(): Promise<void> {
  const port = parentPort;
  if (port === null) throw new Error('worker.ts runs as a worker thread only');
  const config = workerData as WorkerConfig;
  const graph = await loadGraph({ root: config.root });
  const runner = new QueryRunner(graph.store, config);
  await runner.warm();
  port.on('message', (message: ToWorker) => {
    void runner.run(message.task).then((outcome) => {
      const reply: FromWorker = { type: 'done', id: message.id, outcome };
      port.postMessage(reply, outcome.ok ? [outcome.body.buffer as ArrayBuffer] : []);
    });
  });
  const ready: FromWorker = { type: 'ready', quads: graph.size };
  port.postMessage(ready);
}

void main();
