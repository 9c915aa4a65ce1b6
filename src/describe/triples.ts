/**
 * A small builder for description triples: subject-centred, with IRIs, typed and tagged literals and
 * deterministically labelled blank nodes.
 */
import { DataFactory, type Quad } from 'n3';

const { namedNode, literal, blankNode, quad } = DataFactory;
const XSD = 'http://www.w3.org/2001/XMLSchema#';

export type Value = { iri: string } | { blank: string } | { text: string; lang?: string; datatype?: string } | string | number;

export const iri = (value: string): Value => ({ iri: value });
export const blank = (label: string): Value => ({ blank: label });
export const en = (text: string): Value => ({ text, lang: 'en' });
export const typed = (text: string, datatype: string): Value => ({ text, datatype });
export const date = (isoDate: string): Value => typed(isoDate, `${XSD}date`);

function term(value: Value) {
  if (typeof value === 'number') return literal(String(value), namedNode(`${XSD}integer`));
  if (typeof value === 'string') return literal(value);
  if ('iri' in value) return namedNode(value.iri);
  if ('blank' in value) return blankNode(value.blank);
  return value.lang ? literal(value.text, value.lang) : literal(value.text, value.datatype ? namedNode(value.datatype) : undefined);
}

export class Triples {
  readonly quads: Quad[] = [];

  /** Adds `subject predicate value` for each value; subjects starting with "_:" are blank nodes. */
  add(subject: string, predicate: string, ...values: Value[]): this {
    const s = subject.startsWith('_:') ? blankNode(subject.slice(2)) : namedNode(subject);
    for (const value of values) this.quads.push(quad(s, namedNode(predicate), term(value)));
    return this;
  }
}
