/**
 * Counts for the VoID description, computed from the quads of the release.
 */
import type { Quad } from 'n3';
import { termKey } from '../core/term-key.js';
import { naturalCompare } from '../serialize/order.js';

const RDF_TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';

export interface GraphStatistics {
  triples: number;
  /** Distinct IRIs under the dataset's URI space that appear as subjects. */
  entities: number;
  distinctSubjects: number;
  distinctObjects: number;
  /** class IRI → number of distinct instances, classes in name order. */
  classes: Array<[string, number]>;
  /** property IRI → number of triples, properties in name order. */
  properties: Array<[string, number]>;
}

/** `triples` must hold each triple once (graph names dropped). */
export function graphStatistics(triples: Quad[], uriSpace: string): GraphStatistics {
  const subjects = new Set<string>();
  const objects = new Set<string>();
  const instances = new Map<string, Set<string>>();
  const properties = new Map<string, number>();
  for (const { subject, predicate, object } of triples) {
    subjects.add(subject.value);
    objects.add(termKey(object));
    properties.set(predicate.value, (properties.get(predicate.value) ?? 0) + 1);
    if (predicate.value === RDF_TYPE) {
      if (!instances.has(object.value)) instances.set(object.value, new Set());
      instances.get(object.value)!.add(subject.value);
    }
  }
  const byName = <T>(entries: Iterable<[string, T]>): Array<[string, T]> => [...entries].sort(([a], [b]) => naturalCompare(a, b));
  return {
    triples: triples.length,
    entities: [...subjects].filter((s) => s.startsWith(uriSpace)).length,
    distinctSubjects: subjects.size,
    distinctObjects: objects.size,
    classes: byName([...instances].map(([cls, set]) => [cls, set.size] as [string, number])),
    properties: byName(properties),
  };
}
