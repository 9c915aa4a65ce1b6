/**
 * The query evaluator: the ONE seam between process management and the query engine. A query process
 * (query-process.ts) calls createEvaluator once at start, then `run` for each task; nothing else in the
 * server evaluates a query, and nothing here knows about processes, lanes or time limits (supervisor.ts, scheduler.ts).
 *
 * The engine is Oxigraph over the N-Quads dump (query/runners/oxigraph.ts: 4 to 100 times faster than Comunica on
 * the catalogue, bench/engines.ts), with Comunica for what Oxigraph does not answer (SERVICE, DESCRIBE,
 * queries it refuses), imported and given its N3 store of the graph only when the first such query comes:
 * an idle process holds one copy of the graph, in Oxigraph. ASM_KG_SERVE_ENGINE=comunica (or
 * `engine: 'comunica'`) runs everything on Comunica, as before 0.2.1. Swapping the engine means changing
 * this module only: keep `createEvaluator(config) → { run(task) → TaskOutcome }`, with the outcome's body
 * already written in the negotiated format.
 */
import { readFileSync } from 'node:fs';
import { builtGraphPath } from '../../query/load-graph.js';
import { OxigraphEngine, type OxigraphTrapError } from '../../query/oxigraph-engine.js';
import { OxigraphRunner } from '../../query/runners/oxigraph.js';
import type { QueryRunner } from '../../query/runners/comunica.js';
import type { QueryTask, RunnerConfig, TaskOutcome } from '../../query/runners/types.js';
import { htmlAnswers } from '../../render/html-answer.js';

export type EngineName = 'oxigraph' | 'comunica';

export interface EvaluatorConfig extends RunnerConfig {
  /** The project folder whose dist/ holds the built graph. */
  root: string;
  /** The engine for the built graph (default: oxigraph, or the ASM_KG_SERVE_ENGINE environment variable). */
  engine?: EngineName;
}

export interface EvaluatorHooks {
  /** Oxigraph trapped (its memory reached the cap, or a panic): its store is unsound, the process must end. */
  onTrap?: (error: OxigraphTrapError) => void;
}

export interface Evaluator {
  /** Quads in the graph the queries run over. */
  readonly quads: number;
  /** Evaluates one query; every failure a query can cause comes back as an outcome, never as a throw. */
  run(task: QueryTask): Promise<TaskOutcome>;
}

/** The engine a configuration selects: its own, else ASM_KG_SERVE_ENGINE, else Oxigraph. */
export function engineOf(config: Pick<EvaluatorConfig, 'engine'>): EngineName {
  if (config.engine !== undefined) return config.engine;
  const variable = process.env.ASM_KG_SERVE_ENGINE;
  if (variable === undefined || variable === '' || variable === 'oxigraph') return 'oxigraph';
  if (variable === 'comunica') return 'comunica';
  throw new Error(`ASM_KG_SERVE_ENGINE: "${variable}" is not an engine (oxigraph or comunica)`);
}

/** Loads the built graph, warms the engine, and resolves once a first query would meet a warm engine. */
export async function createEvaluator(configured: EvaluatorConfig, hooks: EvaluatorHooks = {}): Promise<Evaluator> {
  // The configuration comes as JSON (query-process.ts); the runners' HTML results page is code, added here.
  const config: EvaluatorConfig = { ...configured, html: htmlAnswers(configured.base) };
  if (engineOf(config) === 'comunica') {
    const runner = await comunicaRunner(config);
    await runner.warm();
    return { quads: runner.quads, run: (task) => runner.run(task) };
  }
  const engine = OxigraphEngine.fromNQuads(readFileSync(builtGraphPath(config.root), 'utf8'));
  const runner = new OxigraphRunner(engine, config, { comunica: () => comunicaRunner(config), onTrap: hooks.onTrap });
  await runner.warm();
  if (config.allowService.length > 0) await runner.startComunica();
  return { quads: engine.size, run: (task) => runner.run(task) };
}

/**
 * The Comunica runner over an N3 store of the built graph. Imported here, not at the top: with Oxigraph
 * answering, a query process that never meets a DESCRIBE or a SERVICE never loads Comunica (about 0.7 s of
 * CPU and 30 MB).
 */
async function comunicaRunner(config: EvaluatorConfig): Promise<QueryRunner & { quads: number }> {
  const [{ loadGraph }, { QueryRunner }] = await Promise.all([import('../../query/load-graph.js'), import('../../query/runners/comunica.js')]);
  const graph = await loadGraph({ root: config.root });
  return Object.assign(new QueryRunner(graph.store, config), { quads: graph.size });
}
