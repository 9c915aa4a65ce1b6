/** Namespaces of the description vocabularies (VoID, DCAT, SPDX, vCard, FOAF). */
export const VOID = 'http://rdfs.org/ns/void#';
export const DCAT = 'http://www.w3.org/ns/dcat#';
export const SPDX = 'http://spdx.org/rdf/terms#';
export const VCARD = 'http://www.w3.org/2006/vcard/ns#';
export const FOAF = 'http://xmlns.com/foaf/0.1/';
export const DCTERMS = 'http://purl.org/dc/terms/';
export const RDF_TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';
export const RDFS = 'http://www.w3.org/2000/01/rdf-schema#';
export const IANA_MEDIA_TYPES = 'https://www.iana.org/assignments/media-types/';
export const CC_BY_4 = 'https://creativecommons.org/licenses/by/4.0/';

export const DESCRIPTION_PREFIXES = { void: VOID, dcat: DCAT, spdx: SPDX, vcard: VCARD, foaf: FOAF } as const;
