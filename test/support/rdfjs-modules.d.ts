/** The two RDF/JS reference modules the CSVW test hands to @zazuko/rdf-parser-csvw (they ship no types). */
declare module '@rdfjs/data-model' {
  import type * as RDF from '@rdfjs/types';
  const factory: RDF.DataFactory & { fromQuad(quad: RDF.Quad): RDF.Quad };
  export default factory;
}

declare module '@rdfjs/dataset' {
  import type * as RDF from '@rdfjs/types';
  const factory: { dataset(quads?: RDF.Quad[]): RDF.DatasetCore };
  export default factory;
}
