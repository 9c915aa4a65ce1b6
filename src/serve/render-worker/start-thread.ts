/**
 * Starting the render worker's thread: compiled, lib/serve/render-worker/worker.js, also from the TypeScript
 * source when ASM_KG_COMPILED_CHILDREN=1 says lib/ is its compiled form (as the tests' global setup does:
 * through tsx, each thread's start cost 2 s more CPU, compiling the render modules again, and the tests
 * start some sixty servers); otherwise the TypeScript source, through tsx's ESM hooks registered in the new
 * thread (a worker thread does not take --import from execArgv). See core/child-module.ts.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker, type ResourceLimits } from 'node:worker_threads';
import { compiledModule } from '../../core/child-module.js';
import type { RenderWorkerData } from './protocol.js';

export function startRenderThread(data: RenderWorkerData, resourceLimits: ResourceLimits): Worker {
  const compiled = compiledModule(import.meta.url, 'worker');
  if (compiled !== undefined) return new Worker(compiled, { workerData: data, resourceLimits });
  const module = new URL('./worker.ts', import.meta.url);
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
