/**
 * The one check for every file name made from data (an IRI's path, a published file's name): the
 * relative name must be plain segments, and the file it names must lie inside the folder it is written
 * to or read from. A name with `..`, an absolute path, a backslash or a control character never reaches
 * the file system.
 */
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { PublishError } from './errors.js';

/** A file name that would leave its folder, or is not safe as a path; `fileName` is the name as given. */
export class UnsafePathError extends PublishError {
  constructor(readonly folder: string, readonly fileName: string, readonly problem: string) {
    super(JSON.stringify(fileName), `not a safe file name inside ${folder}: ${problem}`);
    this.name = 'UnsafePathError';
  }
}

/** Why a relative file name ("a/b.ttl") is unsafe, or undefined when each of its segments is a plain name. */
export function unsafeNameReason(name: string): string | undefined {
  if (name === '') return 'it is empty';
  if (/[\u0000-\u001f\u007f]/.test(name)) return 'it holds a control character';
  if (name.includes('\\')) return 'it holds a backslash';
  if (name.startsWith('/') || isAbsolute(name)) return 'it is an absolute path';
  for (const segment of name.split('/')) {
    if (segment === '') return 'it has an empty segment ("//" or a trailing "/")';
    if (segment === '.' || segment === '..') return `it has a dot segment ("${segment}")`;
  }
  return undefined;
}

/**
 * The absolute path of `name` inside `folder`. Throws UnsafePathError when the name is unsafe or would
 * resolve outside the folder.
 */
export function pathInside(folder: string, name: string): string {
  const reason = unsafeNameReason(name);
  if (reason !== undefined) throw new UnsafePathError(folder, name, reason);
  const root = resolve(folder);
  const path = resolve(root, name);
  const within = relative(root, path);
  if (within === '' || within.startsWith('..') || isAbsolute(within) || !path.startsWith(root + sep)) {
    throw new UnsafePathError(folder, name, 'it resolves outside the folder');
  }
  return path;
}
