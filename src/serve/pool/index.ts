/**
 * The query pool's public face: QueryPool and its options, events and counts.
 */
export { QueryPool, type PoolEvent, type PoolOptions, type PoolStats } from './scheduler.js';
