/**
 * The IRI rule of the build: an IRI under the base is also a path of the static site and of the w3id.org
 * redirects (asm-kg site writes `<path>.html`, `.ttl`, …), so its path must be made of plain segments.
 * It must not have dot segments (`.`, `..`), empty segments, percent-encoded slashes, dots or
 * backslashes (`%2F`, `%2E`, `%5C`, which a server may decode into a path), backslashes, control
 * characters or white space, or characters with a meaning in a path or a URL (`<>"{}|^` and the
 * backtick). The query and fragment (after `?` or `#`) are not part of the path. A rule in code, checked
 * before SHACL, so that the published shapes stay as released.
 */
import { ValidationFailedError, type Violation } from './errors.js';
import type { Quad } from 'n3';

export const IRI_PATH_RULE = 'asm-kg:safe-iri-path';

/** Why the path of `iri` (under `base`) is not safe as a file path, or undefined when it is. */
export function unsafeIriPath(iri: string, base: string): string | undefined {
  if (!iri.startsWith(base)) return undefined;
  const path = iri.slice(base.length).replace(/[?#][\s\S]*$/, '');
  if (path === '') return undefined; // the base itself: the site's home
  if (/[\u0000-\u001f\u007f-\u009f]/.test(path)) return 'it holds a control character';
  if (/\s/u.test(path)) return 'it holds white space';
  if (path.includes('\\')) return 'it holds a backslash';
  if (/%(?:2f|2e|5c|00)/i.test(path)) return 'it holds a percent-encoded slash, dot, backslash or NUL (%2F, %2E, %5C, %00)';
  if (/[<>"{}|^`]/.test(path)) return 'it holds a character that is not allowed in an IRI path (<>"{}|^`)';
  const segments = path.split('/');
  for (const [i, segment] of segments.entries()) {
    if (segment === '.' || segment === '..') return `it has a dot segment ("${segment}")`;
    // A trailing "/" names a folder (its index page); an empty segment anywhere else is "//".
    if (segment === '' && i !== segments.length - 1) return 'it has an empty segment ("//")';
  }
  return undefined;
}

/** The violations of the rule among the IRIs of `quads`, each IRI once, sorted. */
export function iriPathViolations(quads: Iterable<Quad>, base: string): Violation[] {
  const seen = new Set<string>();
  for (const quad of quads) {
    for (const term of [quad.subject, quad.predicate, quad.object, quad.graph]) if (term.termType === 'NamedNode') seen.add(term.value);
  }
  const violations: Violation[] = [];
  for (const iri of [...seen].sort()) {
    const reason = unsafeIriPath(iri, base);
    if (reason === undefined) continue;
    violations.push({
      severity: 'Violation', focusNode: iri, path: undefined, constraint: IRI_PATH_RULE, shape: IRI_PATH_RULE, value: undefined,
      message: `an IRI under the base becomes a file of the static site and a w3id.org path, so it must be plain segments: ${reason}`,
    });
  }
  return violations;
}

/** Throws ValidationFailedError naming each IRI under the base whose path is not safe as a file path. */
export function checkIriPaths(quads: Iterable<Quad>, base: string): void {
  const violations = iriPathViolations(quads, base);
  if (violations.length > 0) throw new ValidationFailedError(violations);
}
