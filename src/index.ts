/**
 * The asm-kg library: load, validate and serialize the graph. Re-exports only.
 */
export { build, type BuildOptions, type BuildReport } from './build/build.js';
/** The package folder (ontology/, data/, queries/, dist/), the default root of every command. */
export { PACKAGE_ROOT as PROJECT_ROOT } from './core/paths.js';
export { readRelease, releasePath, type Release, type WrittenFile } from './core/release.js';
export { loadSources, loadShapes, type LoadedGraph, type LoadedFile } from './rdf/load.js';
export { validateGraph } from './build/validate.js';
export { DEFAULT_BASE, vocabulary, checkBase } from './core/iri.js';
export { SyntaxInputError, ValidationFailedError, UsageError, formatViolation, type Violation } from './core/errors.js';
export { loadGraph, builtGraphPath, ENDPOINT_PREFIX } from './query/load-graph.js';
export { query } from './query/engine.js';
export { listCatalogue, readCatalogueQuery, parseQueryHeader, type CatalogueEntry, type CatalogueQuery, type CatalogueParameter, type QueryHeader } from './query/catalogue.js';
export { parameterTerm } from './query/params.js';
export { formatResult, defaultFormat, type ResultFormat } from './serialize/sparql-results/format-result.js';
export type { QueryGraph, LoadedQueryGraph, LoadGraphOptions, QueryOptions, QueryResult, BindingRow } from './query/types.js';
export { QueryError, QuerySyntaxError, QueryTimeoutError, QuerySourceError, UnknownQueryError, QueryParameterError } from './core/errors.js';
export { createServer, type AsmKgServer, type ServeOptions } from './serve/server.js';
