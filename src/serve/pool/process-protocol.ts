/**
 * What the server and a query process say to each other: the configuration the child gets in its
 * environment, and the IPC messages (structured clone, so that result bytes cross as bytes). Kept apart
 * from query-process.ts, which runs as soon as it is imported.
 */
import type { QueryTask, TaskOutcome } from '../../query/runners/types.js';

/** The environment variable that carries the EvaluatorConfig, as JSON. */
export const CONFIG_VARIABLE = 'ASM_KG_QUERY_PROCESS_CONFIG';

export type ToProcess = { type: 'run'; id: number; task: QueryTask };
export type FromProcess =
  | { type: 'ready'; quads: number }
  | { type: 'done'; id: number; outcome: TaskOutcome };
