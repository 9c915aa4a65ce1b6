/**
 * Where a module that runs as a child process is, and how Node must start it: compiled, the child runs
 * lib/<name>.js; from the TypeScript source (src/*.ts under the tests) it runs the source with tsx's loader,
 * unless ASM_KG_COMPILED_CHILDREN=1 says that lib/ is the compiled form of this src/, in which case it runs
 * the compiled module. The tests' global setup compiles a stale lib/ and then sets it
 * (test/preflight/global-setup.ts): tsx's loader costs each child about 0.8 s of CPU to start (a query
 * process: 2.2 s instead of 1.5 s), and the tests start a hundred.
 * Shared by the query processes (src/serve/pool/process-start.ts) and the build's validation (src/build/validate-apart.ts);
 * the server's render thread (src/serve/render-worker/start-thread.ts) runs the compiled module on the same terms.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { PACKAGE_ROOT } from './paths.js';

/** Set to 1 where lib/ is known to be the compiled form of src/ (the tests' global setup sets it). */
export const COMPILED_CHILDREN_VARIABLE = 'ASM_KG_COMPILED_CHILDREN';

/**
 * The file of the module `name` beside the calling module (`importMetaUrl`), and the Node options to run
 * it with (`flags` after tsx's loader, when the child runs TypeScript source).
 */
export function childModule(importMetaUrl: string, name: string, flags: string[]): { module: string; execArgv: string[] } {
  const compiled = compiledModule(importMetaUrl, name);
  if (compiled !== undefined) return { module: compiled, execArgv: flags };
  return { module: fileURLToPath(new URL(`./${name}.ts`, importMetaUrl)), execArgv: ['--import', tsxLoader(), ...flags] };
}

/**
 * The compiled file of the module `name` beside the calling module: lib/<name>.js beside compiled code, or
 * beside source when ASM_KG_COMPILED_CHILDREN=1 (and then it must exist); undefined when the TypeScript source
 * is to run.
 */
export function compiledModule(importMetaUrl: string, name: string): string | undefined {
  if (!importMetaUrl.endsWith('.ts')) return fileURLToPath(new URL(`./${name}.js`, importMetaUrl));
  if (process.env[COMPILED_CHILDREN_VARIABLE] !== '1') return undefined;
  const source = fileURLToPath(new URL(`./${name}.ts`, importMetaUrl));
  const compiled = join(PACKAGE_ROOT, 'lib', relative(join(PACKAGE_ROOT, 'src'), source)).replace(/\.ts$/, '.js');
  if (!existsSync(compiled)) throw new Error(`${COMPILED_CHILDREN_VARIABLE}=1, but ${compiled}, the compiled form of ${source}, is missing: run \`npm run compile\``);
  return compiled;
}

/** tsx's ESM loader as a file URL, so that --import finds it whatever the working directory. */
function tsxLoader(): string {
  const require = createRequire(import.meta.url);
  const manifest = require.resolve('tsx/package.json');
  const exports = (JSON.parse(readFileSync(manifest, 'utf8')) as { exports: Record<string, string> }).exports;
  return pathToFileURL(join(dirname(manifest), exports['.']!)).href;
}
