// shacl-engine ships no type declarations; this is the part of its API we use.
declare module 'shacl-engine/Validator.js' {
  import type { DataFactory, DatasetCore } from '@rdfjs/types';
  export default class Validator {
    constructor(shapes: DatasetCore, options: { factory: DataFactory; debug?: boolean; details?: boolean });
    validate(data: { dataset: DatasetCore }): Promise<{ conforms: boolean; results: unknown[] }>;
  }
}
