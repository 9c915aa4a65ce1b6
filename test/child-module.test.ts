/**
 * Which file a child process runs (src/core/child-module.ts): the compiled module beside compiled code; the
 * TypeScript source through tsx's loader beside source, unless ASM_KG_COMPILED_CHILDREN=1 says lib/ is its
 * compiled form (the tests' global setup sets it once lib/ is compiled).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { childModule, compiledModule, COMPILED_CHILDREN_VARIABLE } from '../src/core/child-module.js';
import { ROOT } from './support/project.js';

const caller = (path: string) => pathToFileURL(join(ROOT, path)).href;
const saved = process.env[COMPILED_CHILDREN_VARIABLE];
afterEach(() => {
  if (saved === undefined) delete process.env[COMPILED_CHILDREN_VARIABLE];
  else process.env[COMPILED_CHILDREN_VARIABLE] = saved;
});

describe('childModule', () => {
  it('is set by the global setup for this run, with lib/ compiled', () => {
    expect(saved).toBe('1');
  });

  it('runs the compiled module beside compiled code, with the flags only', () => {
    const child = childModule(caller('lib/serve/pool/process-start.js'), 'query-process', ['--expose-gc']);
    expect(child).toEqual({ module: join(ROOT, 'lib/serve/pool/query-process.js'), execArgv: ['--expose-gc'] });
  });

  it('runs the compiled module beside source when lib/ is declared compiled', () => {
    process.env[COMPILED_CHILDREN_VARIABLE] = '1';
    const child = childModule(caller('src/build/validate-apart.ts'), 'validate-process', ['--max-old-space-size=64']);
    expect(child).toEqual({ module: join(ROOT, 'lib/build/validate-process.js'), execArgv: ['--max-old-space-size=64'] });
    expect(existsSync(child.module)).toBe(true);
  });

  it('runs the source through tsx\'s loader otherwise', () => {
    delete process.env[COMPILED_CHILDREN_VARIABLE];
    const child = childModule(caller('src/serve/pool/process-start.ts'), 'query-process', ['--expose-gc']);
    expect(child.module).toBe(join(ROOT, 'src/serve/pool/query-process.ts'));
    expect(child.execArgv).toEqual(['--import', pathToFileURL(join(ROOT, 'node_modules/tsx/dist/loader.mjs')).href, '--expose-gc']);
  });

  it('names the missing compiled module', () => {
    process.env[COMPILED_CHILDREN_VARIABLE] = '1';
    expect(() => childModule(caller('src/serve/pool/process-start.ts'), 'no-such-process', [])).toThrow(
      `ASM_KG_COMPILED_CHILDREN=1, but ${join(ROOT, 'lib/serve/pool/no-such-process.js')}, the compiled form of ${join(ROOT, 'src/serve/pool/no-such-process.ts')}, is missing: run \`npm run compile\``,
    );
  });
});

describe('compiledModule (the render thread runs what it names, src/serve/render-worker/start-thread.ts)', () => {
  it('names the compiled sibling beside compiled code', () => {
    expect(compiledModule(caller('lib/serve/render-worker/start-thread.js'), 'worker')).toBe(join(ROOT, 'lib/serve/render-worker/worker.js'));
  });

  it('names the compiled form beside source when lib/ is declared compiled, and nothing otherwise', () => {
    process.env[COMPILED_CHILDREN_VARIABLE] = '1';
    expect(compiledModule(caller('src/serve/render-worker/start-thread.ts'), 'worker')).toBe(join(ROOT, 'lib/serve/render-worker/worker.js'));
    delete process.env[COMPILED_CHILDREN_VARIABLE];
    expect(compiledModule(caller('src/serve/render-worker/start-thread.ts'), 'worker')).toBeUndefined();
  });
});
