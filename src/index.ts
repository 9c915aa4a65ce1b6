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
