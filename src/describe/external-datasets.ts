/**
 * The other datasets our links graph points into. A VoID linkset is written for each one that the links
 * actually use; the counts come from the links themselves.
 */
export interface ExternalDataset {
  /** IRI we use for the dataset in VoID. */
  iri: string;
  title: string;
  homepage: string;
  /** Namespace of its resources: a link's object starting with it links into this dataset. */
  uriSpace: string;
}

export const EXTERNAL_DATASETS: readonly ExternalDataset[] = [
  { iri: 'http://www.wikidata.org/', title: 'Wikidata', homepage: 'https://www.wikidata.org/', uriSpace: 'http://www.wikidata.org/entity/' },
  { iri: 'http://publications.europa.eu/resource/authority/country', title: 'EU Publications Office: Countries and territories authority table', homepage: 'https://op.europa.eu/en/web/eu-vocabularies/concept-scheme/-/resource?uri=http://publications.europa.eu/resource/authority/country', uriSpace: 'http://publications.europa.eu/resource/authority/country/' },
  { iri: 'http://metadata.un.org/sdg/', title: 'UN Sustainable Development Goals taxonomy', homepage: 'https://metadata.un.org/sdg/', uriSpace: 'http://metadata.un.org/sdg/' },
  { iri: 'http://eurovoc.europa.eu/100141', title: 'EuroVoc', homepage: 'https://op.europa.eu/en/web/eu-vocabularies/dataset/-/resource?uri=http://publications.europa.eu/resource/dataset/eurovoc', uriSpace: 'http://eurovoc.europa.eu/' },
  { iri: 'http://aims.fao.org/aos/agrovoc', title: 'AGROVOC', homepage: 'https://www.fao.org/agrovoc/', uriSpace: 'http://aims.fao.org/aos/agrovoc/' },
  { iri: 'http://metadata.un.org/thesaurus', title: 'UNBIS Thesaurus', homepage: 'https://metadata.un.org/thesaurus/', uriSpace: 'http://metadata.un.org/thesaurus/' },
];
