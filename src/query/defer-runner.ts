/**
 * Every Comunica engine loads @comunica/actor-init-query, which requires @comunica/runner when it loads,
 * for one function it calls only when an engine is built from a configuration file (QueryEngineFactory),
 * which this package never does. The runner in turn loads Components.js and through it every RDF parser,
 * yargs and winston: about 300 ms of a 1.1 s `asm-kg query` on this machine (bench/query.ts). So, before
 * an engine loads, the runner module is registered in Node's module cache as a stand-in that loads the
 * real module on first use: nothing changes if it is used after all, only when it loads. If node_modules
 * is not laid out as expected, or the runner is loaded already, the stand-in is not installed.
 */
import Module, { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export function deferComunicaRunner(enginePackage: string): void {
  let runnerPath: string;
  try {
    const initQuery = createRequire(require.resolve(enginePackage)).resolve('@comunica/actor-init-query');
    runnerPath = createRequire(initQuery).resolve('@comunica/runner');
  } catch {
    return;
  }
  if (require.cache[runnerPath] !== undefined) return;

  let real: object | undefined;
  const load = (): object => {
    if (real === undefined) {
      delete require.cache[runnerPath];
      real = require(runnerPath) as object;
    }
    return real;
  };
  const standIn = new Module(runnerPath);
  standIn.filename = runnerPath;
  standIn.loaded = true;
  standIn.exports = new Proxy({}, {
    get: (_, key) => Reflect.get(load(), key),
    has: (_, key) => Reflect.has(load(), key),
    ownKeys: () => Reflect.ownKeys(load()),
    getOwnPropertyDescriptor: (_, key) => {
      const descriptor = Reflect.getOwnPropertyDescriptor(load(), key);
      // A proxy may only report a property as non-configurable if its target has it so.
      return descriptor === undefined ? undefined : { ...descriptor, configurable: true };
    },
  });
  require.cache[runnerPath] = standIn;
}
