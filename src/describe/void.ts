/**
 * VoID description of this version: counts, class and property partitions, dumps, URI space,
 * vocabularies, example resources, and one linkset per external dataset our links point into.
 */
import type { Quad } from 'n3';
import { WELL_KNOWN_PREFIXES } from '../core/iri.js';
import type { Release } from '../core/release.js';
import { downloadUrl } from '../core/release.js';
import { datasetIris } from './dcat.js';
import type { ExternalDataset } from './external-datasets.js';
import { DCTERMS, FOAF, RDF_TYPE, VOID } from './namespaces.js';
import type { ReleaseFile } from './release-files.js';
import type { GraphStatistics } from './statistics.js';
import { blank, en, iri, Triples } from './triples.js';

export interface Linkset {
  target: ExternalDataset;
  predicate: string;
  triples: number;
}

export interface VoidInput {
  base: string;
  release: Release;
  statistics: GraphStatistics;
  /** The RDF dumps (each holds the whole graph). */
  dumps: ReleaseFile[];
  linksets: Linkset[];
  examples: string[];
}

/** Vocabulary namespaces: ours and the reused ones any predicate or class of the graph is in. */
function vocabulariesUsed(base: string, statistics: GraphStatistics): string[] {
  const namespaces = [`${base}ontology#`, ...Object.values(WELL_KNOWN_PREFIXES).filter((ns) => ns !== WELL_KNOWN_PREFIXES.sh)];
  const terms = [...statistics.properties.map(([p]) => p), ...statistics.classes.map(([c]) => c)];
  return namespaces.filter((ns) => terms.some((term) => term.startsWith(ns)));
}

export function describeVoid({ base, release, statistics, dumps, linksets, examples }: VoidInput): Quad[] {
  const ids = datasetIris(base, release);
  const dataset = ids.version;
  const t = new Triples();
  t.add(dataset, RDF_TYPE, iri(`${VOID}Dataset`))
    .add(dataset, `${DCTERMS}title`, en(release.title))
    .add(dataset, `${FOAF}homepage`, iri(base))
    .add(dataset, `${VOID}uriSpace`, `${base}id/`)
    .add(dataset, `${VOID}triples`, statistics.triples)
    .add(dataset, `${VOID}entities`, statistics.entities)
    .add(dataset, `${VOID}distinctSubjects`, statistics.distinctSubjects)
    .add(dataset, `${VOID}distinctObjects`, statistics.distinctObjects)
    .add(dataset, `${VOID}classes`, statistics.classes.length)
    .add(dataset, `${VOID}properties`, statistics.properties.length)
    .add(dataset, `${VOID}dataDump`, ...dumps.map((file) => iri(downloadUrl(base, release, file.name))))
    .add(dataset, `${VOID}vocabulary`, ...vocabulariesUsed(base, statistics).map(iri))
    .add(dataset, `${VOID}exampleResource`, ...examples.map(iri))
    .add(dataset, `${VOID}rootResource`, iri(`${base}id/event/learning-event`));

  statistics.classes.forEach(([cls, entities], i) => {
    const partition = `_:class-${i + 1}`;
    t.add(dataset, `${VOID}classPartition`, blank(partition.slice(2)))
      .add(partition, `${VOID}class`, iri(cls))
      .add(partition, `${VOID}entities`, entities);
  });
  statistics.properties.forEach(([property, triples], i) => {
    const partition = `_:property-${i + 1}`;
    t.add(dataset, `${VOID}propertyPartition`, blank(partition.slice(2)))
      .add(partition, `${VOID}property`, iri(property))
      .add(partition, `${VOID}triples`, triples);
  });

  for (const { target, predicate, triples } of linksets) {
    const linkset = `${dataset}/linkset/${target.slug}/${slug(predicate.replace(/^.*[#/]/, ''))}`;
    t.add(dataset, `${VOID}subset`, iri(linkset))
      .add(linkset, RDF_TYPE, iri(`${VOID}Linkset`))
      .add(linkset, `${VOID}subjectsTarget`, iri(dataset))
      .add(linkset, `${VOID}objectsTarget`, iri(target.iri))
      .add(linkset, `${VOID}linkPredicate`, iri(predicate))
      .add(linkset, `${VOID}triples`, triples)
      .add(target.iri, RDF_TYPE, iri(`${VOID}Dataset`))
      .add(target.iri, `${DCTERMS}title`, en(target.title))
      .add(target.iri, `${VOID}uriSpace`, target.uriSpace);
  }
  return t.quads;
}

const slug = (text: string): string => text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
