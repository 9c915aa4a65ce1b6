"""
The counting suite's expected answers, computed without SPARQL and without asm-kg's code: rdflib's N-Quads
parser reads the release's dump, and this script walks the triples. The default graph is the RDF merge of
the named graphs: a Python set of (s, p, o), so a triple that two graphs hold is counted once.

Usage: python3 expected.py DUMP.nq  ->  JSON on stdout: {question id: [row, ...]}, each row a list of
strings (an IRI's value, a literal's lexical form, a count in decimal), in no particular order: the rows
are compared as a multiset.

Each function below answers the question of the same id in questions.ts in its own words.
"""
import json
import re
import sys
from collections import Counter

from rdflib import Dataset, URIRef
from rdflib.namespace import RDF

ASM = 'https://w3id.org/asm-kg/ontology#'
STATEMENT = URIRef(ASM + 'Statement')


def load(path):
    dataset = Dataset()
    dataset.parse(path, format='nquads')
    per_graph = Counter()
    typed_per_graph = Counter()
    merged = set()
    for s, p, o, g in dataset.quads((None, None, None, None)):
        name = str(g.identifier if hasattr(g, 'identifier') else g)
        per_graph[name] += 1
        if p == RDF.type and o == STATEMENT:
            typed_per_graph[name] += 1
        merged.add((s, p, o))
    return merged, per_graph, typed_per_graph


def main():
    merged, per_graph, typed_per_graph = load(sys.argv[1])
    by_subject = {}
    for (s, p, o) in merged:
        by_subject.setdefault(s, []).append((p, o))
    statements = sorted({s for (s, p, o) in merged if p == RDF.type and o == STATEMENT})

    def values(s, predicate):
        return [o for (p, o) in by_subject.get(s, []) if p == URIRef(predicate)]

    def grouped(predicate):
        counts = Counter(str(o) for s in statements for o in values(s, predicate))
        return [[key, str(n)] for key, n in counts.items()]

    answers = {}
    # One row per statement: a statement is typed asm:Statement once in the default graph.
    answers['statements'] = [[str(len(statements)), str(len(set(statements)))]]
    answers['statements-per-workshop'] = grouped(ASM + 'raisedIn')
    answers['statements-per-section'] = grouped(ASM + 'inSection')
    answers['statements-per-stakeholder-addressed'] = grouped(ASM + 'addressedTo')
    kinds = Counter(str(t) for s in statements for t in values(s, str(RDF.type)) if t != STATEMENT)
    answers['statements-per-kind'] = [[key, str(n)] for key, n in kinds.items()]
    answers['statement-kind-rows'] = [[str(s), str(t)] for s in statements for t in values(s, str(RDF.type))]
    word = re.compile('women|gender', re.IGNORECASE)
    answers['statements-mentioning-women-or-gender'] = [
        [str(s), str(text)] for s in statements for text in values(s, ASM + 'text') if word.search(str(text))]
    answers['triples-in-default-graph'] = [[str(len(merged))]]
    answers['triples-per-graph'] = [[graph, str(n)] for graph, n in per_graph.items()]
    # Each named graph with its own triples: a statement typed in two graphs is counted in each.
    answers['statements-typed-per-graph'] = [[graph, str(n)] for graph, n in typed_per_graph.items()]
    json.dump(answers, sys.stdout, indent=1, sort_keys=True)


if __name__ == '__main__':
    main()
