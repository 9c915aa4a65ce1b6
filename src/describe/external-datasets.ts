/**
 * The other datasets our links graph points into. A VoID linkset is written for each one that the links
 * actually use; the counts come from the links themselves. Only datasets whose IRI patterns were checked
 * (see data/links/README.md) are listed.
 */
export interface ExternalDataset {
  /** Short name used in our linkset IRIs. */
  slug: string;
  /** IRI we use for the dataset in VoID. */
  iri: string;
  title: string;
  /** Namespace of its resources: a link's object starting with it links into this dataset. */
  uriSpace: string;
}

export const EXTERNAL_DATASETS: readonly ExternalDataset[] = [
  { slug: 'wikidata', iri: 'http://www.wikidata.org/', title: 'Wikidata', uriSpace: 'http://www.wikidata.org/entity/' },
  { slug: 'eu-countries', iri: 'http://publications.europa.eu/resource/authority/country', title: 'EU Publications Office: Countries and territories authority table', uriSpace: 'http://publications.europa.eu/resource/authority/country/' },
  { slug: 'un-sdg', iri: 'http://metadata.un.org/sdg/', title: 'UN Sustainable Development Goals taxonomy', uriSpace: 'http://metadata.un.org/sdg/' },
];
