/**
 * Every resource as it was in each release: the description of an IRI in a release is what the current
 * pages and documents give for it (ResourceIndex.describe: its triples, blank nodes followed, the triples
 * that point at it, the labels of what it links to), applied to that release's frozen dump
 * (dist/<version>/asm-kg.nq), never to today's sources, so that it cannot drift.
 *
 * A resource has a memento in each dated release (data/release.json "releases") whose dump says anything
 * with it; a withdrawn one (owl:deprecated) is still described, so it keeps its mementos.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Parser, Store, type Quad } from 'n3';
import { DEFAULT_BASE } from '../core/iri.js';
import { NQUADS_DUMP, type Release, type ReleaseDate } from '../core/release.js';
import { quadKey } from '../core/term-key.js';
import { ResourceIndex, type Description } from './resource-index.js';

export interface Memento extends ReleaseDate {
  /** The IRI path relative to the base (id/statement/w1-b-2). */
  path: string;
}

/** What changed in a resource's description from the previous release it was in to this one. */
export interface Change {
  version: string;
  date: string;
  /** The release it is compared with; undefined where the resource first appears. */
  previous?: string;
  /** The resource is in no later release (its description is then all removed). */
  gone?: boolean;
  added: Quad[];
  removed: Quad[];
  /** The descriptions before and after (their labels name what the triples link to). */
  before?: Description;
  after?: Description;
}

export class ReleaseArchive {
  private readonly indexes = new Map<string, { store: Store; index: ResourceIndex }>();

  /**
   * `releases`: the dated releases whose dumps are under `distDir`. The dumps were published under the
   * default base: an archive for another base (a mirror, a test) has no releases, as its IRIs are not theirs.
   */
  constructor(readonly releases: readonly ReleaseDate[], private readonly distDir: string, readonly base: string) {
    if (base !== DEFAULT_BASE) this.releases = [];
    for (const release of this.releases) {
      const dump = join(distDir, release.version, NQUADS_DUMP);
      if (!existsSync(dump)) throw new Error(`${dump}: version ${release.version} is dated in data/release.json "releases" and its dump is missing`);
    }
  }

  static forRelease(release: Release, distDir: string, base: string): ReleaseArchive {
    return new ReleaseArchive(release.releases, distDir, base);
  }

  /** The dated release of a version, or undefined. */
  release(version: string): ReleaseDate | undefined {
    return this.releases.find((r) => r.version === version);
  }

  /** The description of an IRI in a release, or undefined when that release says nothing with it. */
  describe(version: string, iri: string): Description | undefined {
    return this.release(version) === undefined ? undefined : this.index(version).describe(iri);
  }

  /** The quads of a versioned description document (ResourceIndex.documentQuads over the release's dump). */
  documentQuads(version: string, description: Description): Quad[] {
    return this.index(version).documentQuads(description);
  }

  /** The most specific types of a resource in a release. */
  specificTypes(version: string, types: string[]): string[] {
    return this.index(version).specificTypes(types);
  }

  /** The releases in which an IRI is described, oldest first: its mementos. */
  mementos(iri: string): Memento[] {
    if (!iri.startsWith(this.base)) return [];
    return this.releases.filter((r) => this.index(r.version).has(iri)).map((r) => ({ ...r, path: iri.slice(this.base.length) }));
  }

  /** Every IRI described in some release, sorted. */
  resources(): string[] {
    const all = new Set<string>();
    for (const release of this.releases) {
      this.index(release.version);
      const { store, index } = this.indexes.get(release.version)!;
      for (const term of [...store.getSubjects(null, null, null), ...store.getObjects(null, null, null)]) {
        if (term.termType === 'NamedNode' && index.has(term.value)) all.add(term.value);
      }
    }
    return [...all].sort();
  }

  /**
   * The releases in which an IRI's description changed, oldest first: where it first appears, each release
   * whose description differs from the one before, and the release after its last where it is gone.
   */
  history(iri: string): Change[] {
    const changes: Change[] = [];
    let before: { version: string; description: Description; keys: Map<string, Quad> } | undefined;
    for (const release of this.releases) {
      const description = this.describe(release.version, iri);
      if (description === undefined) {
        if (before !== undefined) changes.push({ version: release.version, date: release.date, previous: before.version, gone: true, added: [], removed: [...before.keys.values()], before: before.description });
        before = undefined;
        continue;
      }
      const keys = keyed(ResourceIndex.quadsOf(description));
      if (before === undefined) {
        changes.push({ version: release.version, date: release.date, added: [...keys.values()], removed: [], after: description });
      } else {
        const added = [...keys].filter(([key]) => !before!.keys.has(key)).map(([, q]) => q);
        const removed = [...before.keys].filter(([key]) => !keys.has(key)).map(([, q]) => q);
        if (added.length > 0 || removed.length > 0) {
          changes.push({ version: release.version, date: release.date, previous: before.version, added, removed, before: before.description, after: description });
        }
      }
      before = { version: release.version, description, keys };
    }
    return changes;
  }

  /** Whether an IRI's description differs between any two releases it is in (or it left one). */
  changed(iri: string): boolean {
    return this.history(iri).length > 1;
  }

  /** The index over a release's dump (what its mementos are described with). */
  indexOf(version: string): ResourceIndex {
    if (this.release(version) === undefined) throw new Error(`no dated release ${version}`);
    return this.index(version);
  }

  private index(version: string): ResourceIndex {
    let loaded = this.indexes.get(version);
    if (loaded === undefined) {
      const path = join(this.distDir, version, NQUADS_DUMP);
      const store = new Store(new Parser({ format: 'N-Quads' }).parse(readFileSync(path, 'utf8')));
      loaded = { store, index: new ResourceIndex(store, this.base) };
      this.indexes.set(version, loaded);
    }
    return loaded.index;
  }
}

function keyed(quads: Quad[]): Map<string, Quad> {
  return new Map(quads.map((q) => [quadKey(q), q]));
}
