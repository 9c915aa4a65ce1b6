/**
 * The query evaluator: the ONE seam between process management and the query engine. A query process
 * (query-process.ts) calls createEvaluator once at start, then `run` for each task; nothing else in the
 * server evaluates a query, and nothing here knows about processes, lanes or time limits (pool.ts).
 *
 * The engine is Comunica over an N3 store of the built graph (run-query.ts); with `engine: 'oxigraph'` (or
 * ASM_KG_SERVE_ENGINE=oxigraph) Oxigraph answers over the N-Quads dump (oxigraph-runner.ts, several times
 * faster: bench/engines.ts) and Comunica what Oxigraph does not (SERVICE, DESCRIBE, errors). Not yet the
 * default: Oxigraph gives xsd:decimal literals back in canonical form ("1.000" as "1"), and its WebAssembly
 * memory is outside the V8 heap limit that bounds a query process (pool.ts). Swapping the engine
 * means changing this module only: keep `createEvaluator(config) → { run(task) → TaskOutcome }`, with
 * the outcome's body already written in the negotiated format.
 */
import { readFileSync } from 'node:fs';
import { builtGraphPath, loadGraph } from '../query/load-graph.js';
import { OxigraphEngine } from '../query/oxigraph-engine.js';
import { OxigraphRunner } from './oxigraph-runner.js';
import { QueryRunner, type QueryTask, type RunnerConfig, type TaskOutcome } from './run-query.js';

export interface EvaluatorConfig extends RunnerConfig {
  /** The project folder whose dist/ holds the built graph. */
  root: string;
  /** The engine for the built graph (default: comunica, or the ASM_KG_SERVE_ENGINE environment variable). */
  engine?: 'oxigraph' | 'comunica';
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
  const engine = config.engine ?? (process.env.ASM_KG_SERVE_ENGINE === 'oxigraph' ? 'oxigraph' : 'comunica');
  if (engine === 'comunica') return { quads: graph.size, run: (task) => runner.run(task) };
  const oxigraph = new OxigraphRunner(OxigraphEngine.fromNQuads(readFileSync(builtGraphPath(config.root), 'utf8')), graph.store, config, runner);
  return { quads: graph.size, run: (task) => oxigraph.run(task) };
}
