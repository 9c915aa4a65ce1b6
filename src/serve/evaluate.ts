/**
 * The query evaluator: the ONE seam between process management and the query engine. A query process
 * (query-process.ts) calls createEvaluator once at start, then `run` for each task; nothing else in the
 * server evaluates a query, and nothing here knows about processes, lanes or time limits (pool.ts).
 *
 * Today the engine is Comunica over an N3 store of the built graph (run-query.ts). Swapping the engine
 * means changing this module only: keep `createEvaluator(config) → { run(task) → TaskOutcome }`, with
 * the outcome's body already written in the negotiated format.
 */
import { loadGraph } from '../query/load-graph.js';
import { QueryRunner, type QueryTask, type RunnerConfig, type TaskOutcome } from './run-query.js';

export interface EvaluatorConfig extends RunnerConfig {
  /** The project folder whose dist/ holds the built graph. */
  root: string;
}

export interface Evaluator {
  /** Quads in the graph the queries run over. */
  readonly quads: number;
  /** Evaluates one query; every failure a query can cause comes back as an outcome, never as a throw. */
  run(task: QueryTask): Promise<TaskOutcome>;
}

/** Loads the built graph, warms the engine, and resolves once a first query would meet a warm engine. */
export async function createEvaluator(config: EvaluatorConfig): Promise<Evaluator> {
  const graph = await loadGraph({ root: config.root });
  const runner = new QueryRunner(graph.store, config);
  await runner.warm();
  return { quads: graph.size, run: (task) => runner.run(task) };
}
