/**
 * The package folder: the one that holds ontology/, data/, queries/, dist/ and lib/ (above lib/core/ when
 * compiled, above src/core/ under the tests), the default of every --root. The one constant for it, in a
 * module that imports nothing, so that a query or a page need not load the build pipeline to find it.
 */
import { fileURLToPath } from 'node:url';

export const PACKAGE_ROOT = fileURLToPath(new URL('../..', import.meta.url));
