/**
 * Starts the static site's SPARQL engine (client/engine-client.ts) as early as the page allows. The query
 * page loads this small script from its head as a plain script, which runs as soon as it arrives (an
 * `async` one, measured, ran only once YASGUI's bundle had compiled; src/site/query-page.ts says more), so
 * the service worker, the engine's worker and the dump are requested while YASGUI (about 1 MB) is still
 * downloading and compiling.
 * The script element carries the configuration in data-* attributes (no inline script: a strict
 * Content-Security-Policy holds).
 */
import { engineConfig, startEngine } from './engine-client.js';

const config = engineConfig(document.currentScript as HTMLScriptElement | null);
// A failure is reported by client/query-page.ts, which waits for the same start.
if (config !== undefined) startEngine(config).catch(() => undefined);
