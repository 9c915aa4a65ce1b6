/**
 * The asm-kg library: load, validate and serialize the graph. Re-exports only.
 */
export { build, PROJECT_ROOT, type BuildOptions, type BuildReport } from './build.js';
export { type WrittenFile } from './publish.js';
export { readRelease, releasePath, type Release } from './release.js';
export { loadSources, loadShapes, type LoadedGraph, type LoadedFile } from './load.js';
export { validateGraph } from './validate.js';
export { DEFAULT_BASE, vocabulary, checkBase } from './iri.js';
export { SyntaxInputError, ValidationFailedError, UsageError, formatViolation, type Violation } from './errors.js';
export { loadGraph, builtGraphPath, ENDPOINT_PREFIX } from './query/load-graph.js';
export { query } from './query/engine.js';
export { listCatalogue, readCatalogueQuery, parseQueryHeader, type CatalogueEntry, type CatalogueQuery, type CatalogueParameter, type QueryHeader } from './query/catalogue.js';
export { parameterTerm } from './query/params.js';
export { formatResult, defaultFormat, type ResultFormat } from './serialize/sparql-results/format-result.js';
export type { QueryGraph, LoadedQueryGraph, LoadGraphOptions, QueryOptions, QueryResult, BindingRow } from './query/types.js';
export { QueryError, QuerySyntaxError, QueryTimeoutError, QuerySourceError, UnknownQueryError, QueryParameterError } from './errors.js';
export { createServer, type AsmKgServer, type ServeOptions } from './serve/server.js';
