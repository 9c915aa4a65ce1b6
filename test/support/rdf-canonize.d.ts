// rdf-canonize ships no type declarations; this is the part the tests use.
declare module 'rdf-canonize' {
  const canonize: { canonize(dataset: object[], options: { algorithm: 'RDFC-1.0'; maxWorkFactor?: number }): Promise<string> };
  export default canonize;
}
