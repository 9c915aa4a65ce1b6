/**
 * What `import('jsonld')` gives in the engine's worker (client/build.mjs points the import here): the
 * jsonld.js library from its own bundle, jsonld.js beside the engine's script, loaded the first time a
 * graph is asked for as JSON-LD. It is as big as the rest of the engine, and rarely needed.
 */
declare const self: DedicatedWorkerGlobalScope & { asmKgJsonld?: unknown };

if (self.asmKgJsonld === undefined) importScripts(new URL('jsonld.js', self.location.href).href);
const jsonld = self.asmKgJsonld;
if (jsonld === undefined) throw new Error('jsonld.js did not load');
export default jsonld;
