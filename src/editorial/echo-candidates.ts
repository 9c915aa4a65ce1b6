/**
 * Echo candidates: pairs of statements of different workshops whose verbatim texts are alike,
 * scored by TF-IDF cosine similarity, for the editors to confirm or reject (data/editorial/echoes.ttl).
 *
 * The pass is reproducible: the texts come from data/statements/*.ttl, tokenising, stop words and
 * stemming are natural's Porter stemmer (tokenizeAndStem), term weights are natural's TfIdf over the
 * statements as documents, and pairs are written in a fixed order. Nothing here decides an echo: the
 * candidate list (data/editorial/echo-candidates.tsv) is the input to a human reading.
 *
 * The facilitators' workshop is included: a next step that rewords a workshop statement says the same
 * thing (an echo), besides being drawn from it (asm:synthesises, which has a direction).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Parser, type Quad } from 'n3';
import { PorterStemmer } from 'natural/lib/natural/stemmers/index.js';
import { TfIdf } from 'natural/lib/natural/tfidf/index.js';

const ASM = 'https://w3id.org/asm-kg/ontology#';
const STATEMENT = 'https://w3id.org/asm-kg/id/statement/';
const WORKSHOP = 'https://w3id.org/asm-kg/id/workshop/';

/** Candidates at or above this cosine are listed; below it the editors found no pair worth reading. */
export const MIN_SCORE = 0.2;

export interface StatementText { id: string; workshop: string; text: string }
export interface Candidate { a: StatementText; b: StatementText; score: number }

/** The statements of every workshop, with their verbatim text, in IRI order. */
export function readStatementTexts(root: string): StatementText[] {
  const dir = join(root, 'data', 'statements');
  const quads: Quad[] = readdirSync(dir).filter((f) => f.endsWith('.ttl')).sort()
    .flatMap((f) => new Parser({ baseIRI: `file://${join(dir, f)}` }).parse(readFileSync(join(dir, f), 'utf8')));
  const texts = new Map<string, string>();
  const workshops = new Map<string, string>();
  for (const q of quads) {
    if (!q.subject.value.startsWith(STATEMENT)) continue;
    const id = q.subject.value.slice(STATEMENT.length);
    if (q.predicate.value === `${ASM}text`) texts.set(id, q.object.value);
    if (q.predicate.value === `${ASM}raisedIn`) workshops.set(id, q.object.value.slice(WORKSHOP.length));
  }
  return [...texts.entries()]
    .map(([id, text]) => ({ id, text, workshop: workshops.get(id) ?? '' }))
    .filter((s) => s.workshop !== '')
    .sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
}

/** Every pair from different workshops with a TF-IDF cosine of at least minScore, best first. */
export function echoCandidates(statements: StatementText[], minScore = MIN_SCORE): Candidate[] {
  const tfidf = new TfIdf();
  for (const s of statements) tfidf.addDocument(PorterStemmer.tokenizeAndStem(s.text));
  const vectors = statements.map((_, i) => {
    const v = new Map<string, number>();
    for (const t of tfidf.listTerms(i)) v.set(t.term, t.tfidf);
    return v;
  });
  const norms = vectors.map((v) => Math.sqrt([...v.values()].reduce((sum, x) => sum + x * x, 0)));
  const out: Candidate[] = [];
  for (let i = 0; i < statements.length; i++) {
    for (let j = i + 1; j < statements.length; j++) {
      if (statements[i]!.workshop === statements[j]!.workshop || norms[i] === 0 || norms[j] === 0) continue;
      let dot = 0;
      for (const [term, x] of vectors[i]!) dot += x * (vectors[j]!.get(term) ?? 0);
      const score = dot / (norms[i]! * norms[j]!);
      if (score >= minScore) out.push({ a: statements[i]!, b: statements[j]!, score });
    }
  }
  return out.sort((x, y) => y.score - x.score || (x.a.id + x.b.id < y.a.id + y.b.id ? -1 : 1));
}

/** The candidate list as TSV: score rounded to 3 places, the two statements and their texts. */
export function candidatesTsv(candidates: Candidate[]): string {
  const clean = (s: string): string => s.replace(/[\t\n\r]+/g, ' ');
  const lines = candidates.map((c) => [c.score.toFixed(3), c.a.id, c.b.id, clean(c.a.text), clean(c.b.text)].join('\t'));
  return ['score\ta\tb\ta_text\tb_text', ...lines].join('\n') + '\n';
}
