/** The jsonld.js library as a script of its own, for client/jsonld-loader.ts (the engine's worker). */
import jsonld from 'jsonld';

(self as unknown as { asmKgJsonld: unknown }).asmKgJsonld = jsonld;
