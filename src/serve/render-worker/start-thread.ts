/**
 * Starting the render worker's thread: compiled, lib/serve/render-worker/worker.js; under the tests
 * (src/*.ts through tsx or vitest) the TypeScript source, through tsx's ESM hooks registered in the new
 * thread (a worker thread does not take --import from execArgv).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker, type ResourceLimits } from 'node:worker_threads';
import type { RenderWorkerData } from './protocol.js';

export function startRenderThread(data: RenderWorkerData, resourceLimits: ResourceLimits): Worker {
  const compiled = !import.meta.url.endsWith('.ts');
  const module = new URL(`./worker${compiled ? '.js' : '.ts'}`, import.meta.url);
  if (compiled) return new Worker(module, { workerData: data, resourceLimits });
  const boot = `import { register } from ${JSON.stringify(tsxEsmApi())}; register(); await import(${JSON.stringify(module.href)});`;
  return new Worker(new URL(`data:text/javascript,${encodeURIComponent(boot)}`), { workerData: data, resourceLimits });
}

/** tsx's ESM API (register) as a file URL. */
function tsxEsmApi(): string {
  const require = createRequire(import.meta.url);
  const manifest = require.resolve('tsx/package.json');
  const exports = (JSON.parse(readFileSync(manifest, 'utf8')) as { exports: Record<string, { import: { default: string } }> }).exports;
  return pathToFileURL(join(dirname(manifest), exports['./esm/api']!.import.default)).href;
}
