/**
 * The asm-kg library: load, validate and serialize the graph. Re-exports only.
 */
export { build, PROJECT_ROOT, type BuildOptions, type BuildReport, type WrittenFile } from './build.js';
export { loadSources, loadShapes, type LoadedGraph, type LoadedFile } from './load.js';
export { validateGraph } from './validate.js';
export { DEFAULT_BASE, vocabulary, checkBase } from './iri.js';
export { SyntaxInputError, ValidationFailedError, UsageError, formatViolation, type Violation } from './errors.js';
