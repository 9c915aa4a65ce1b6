"""The answers the recipes (docs/recipes/) must print, computed without SPARQL and without asm-kg's code:
rdflib's N-Quads parser reads the release's dump and this script walks the quads. The default graph is the
RDF merge of the named graphs, a Python set of (s, p, o).

Usage: python3 recipes-expected.py DUMP.nq  ->  JSON on stdout: {answer: [row, ...]}, each row a list of
strings, compared with a recipe's CSV rows as a multiset.
"""
import json
import sys
from collections import Counter

from rdflib import Dataset, URIRef
from rdflib.namespace import RDF, RDFS, SKOS

ASM = "https://w3id.org/asm-kg/ontology#"
STATEMENT = URIRef(ASM + "Statement")
RAISED_IN = URIRef(ASM + "raisedIn")
THEME = URIRef(ASM + "theme")
EDITORIAL = "https://w3id.org/asm-kg/graph/editorial"
KINDS = {URIRef(ASM + kind): kind for kind in ("Issue", "Obstacle", "Opportunity", "SpecificStep")}

dataset = Dataset()
dataset.parse(sys.argv[1], format="nquads")
merged = set()
typed_in_graphs = 0
editorial = set()
for s, p, o, g in dataset.quads((None, None, None, None)):
    merged.add((s, p, o))
    if p == RDF.type and o == STATEMENT:
        typed_in_graphs += 1
    if str(g) == EDITORIAL:
        editorial.add((s, p, o))


def objects(triples, s, p):
    return [o for (s2, p2, o) in triples if s2 == s and p2 == p]


statements = {s for (s, p, o) in merged if p == RDF.type and o == STATEMENT}
raised_in = {s: o for (s, p, o) in merged if p == RAISED_IN and s in statements}
kinds = {s: KINDS[o] for (s, p, o) in merged if p == RDF.type and o in KINDS and s in statements}
labels = {s: str(o) for (s, p, o) in merged if p == RDFS.label}
workshops = Counter(raised_in.values())
themes = Counter(o for (s, p, o) in editorial if p == THEME)
theme_labels = {s: str(o) for (s, p, o) in editorial if p == SKOS.prefLabel}
local = lambda iri: str(iri).rsplit("/", 1)[1]
by_workshop_and_kind = Counter((local(raised_in[s]), kinds[s]) for s in statements)

print(json.dumps({
    "statements-per-workshop": [[str(w), labels[w], str(n)] for w, n in workshops.items()],
    "themes-in-the-editorial-graph": [[str(t), theme_labels[t], str(n)] for t, n in themes.items()],
    "statements-per-workshop-and-kind": [[w, k, str(n)] for (w, k), n in by_workshop_and_kind.items()],
    "counting": [
        ["in the default graph (right)", str(len(statements))],
        ["once per named graph (too many)", str(typed_in_graphs)],
        ["distinct over the named graphs (right)", str(len(statements))],
    ],
}))
