/**
 * Where a module that runs as a child process is, and how Node must start it: compiled, the child runs
 * lib/<name>.js; under the tests (src/*.ts through tsx) it runs the TypeScript source with tsx's loader.
 * Shared by the query processes (src/serve/pool/process-start.ts) and the build's validation (src/build/validate-apart.ts).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * The file of the module `name` beside the calling module (`importMetaUrl`), and the Node options to run
 * it with (`flags` after tsx's loader, when the caller is TypeScript source).
 */
export function childModule(importMetaUrl: string, name: string, flags: string[]): { module: string; execArgv: string[] } {
  const compiled = !importMetaUrl.endsWith('.ts');
  const module = fileURLToPath(new URL(`./${name}${compiled ? '.js' : '.ts'}`, importMetaUrl));
  return { module, execArgv: compiled ? flags : ['--import', tsxLoader(), ...flags] };
}

/** tsx's ESM loader as a file URL, so that --import finds it whatever the working directory. */
function tsxLoader(): string {
  const require = createRequire(import.meta.url);
  const manifest = require.resolve('tsx/package.json');
  const exports = (JSON.parse(readFileSync(manifest, 'utf8')) as { exports: Record<string, string> }).exports;
  return pathToFileURL(join(dirname(manifest), exports['.']!)).href;
}
