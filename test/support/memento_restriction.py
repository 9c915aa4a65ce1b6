"""
A resource's description in a release, computed from the frozen dump with rdflib, independently of the
code under test, and compared with the documents a server gave for it.

The description (docs/citing.md): the triples whose subject is the resource or one of its fragments
(iri#...), blank nodes followed; the triples whose object is the resource; and for each resource these
link to (predicates, objects, subjects of incoming links, the resource and its fragments) one label triple:
the first of skos:prefLabel, rdfs:label, schema:name, dcterms:title, asm:heading, asm:text that it has,
an English literal before others.

Reads a JSON list of {"dump", "iri", "file", "format"} on stdin; prints a JSON list of
{"file", "isomorphic", "why"}.
"""
import json
import sys

from rdflib import ConjunctiveGraph, Graph, Literal, URIRef
from rdflib.compare import isomorphic

BASE = 'https://w3id.org/asm-kg/'
LABELS = [URIRef(p) for p in [
    'http://www.w3.org/2004/02/skos/core#prefLabel', 'http://www.w3.org/2000/01/rdf-schema#label',
    'https://schema.org/name', 'http://purl.org/dc/terms/title', BASE + 'ontology#heading', BASE + 'ontology#text']]

dumps = {}


def dump(path):
    if path not in dumps:
        g = ConjunctiveGraph()
        g.parse(path, format='nquads')
        merged = Graph()
        placed = set()
        for s, p, o, c in g.quads((None, None, None, None)):
            merged.add((s, p, o))
            placed.add((s, p, o, str(c.identifier)))
        dumps[path] = (placed, merged)
    return dumps[path]


def restriction(merged, iri):
    """The description without the labels of linked resources, and for each linked resource its label candidates."""
    node = URIRef(iri)
    triples = set()
    subjects = [s for s in set(merged.subjects()) if s == node or str(s).startswith(iri + '#')]
    queue = list(subjects)
    seen = set()
    while queue:
        s = queue.pop()
        for p, o in merged.predicate_objects(s):
            triples.add((s, p, o))
            if o.__class__.__name__ == 'BNode' and o not in seen:
                seen.add(o)
                queue.append(o)
    incoming = {(s, p, node) for s, p in merged.subject_predicates(node)}
    linked = set(subjects) | {node}
    for s, p, o in triples:
        linked.add(p)
        if isinstance(o, URIRef):
            linked.add(o)
    for s, p, _ in incoming:
        linked.add(p)
        if isinstance(s, URIRef):
            linked.add(s)
    candidates = {}
    for target in linked:
        for predicate in LABELS:
            literals = [o for o in merged.objects(target, predicate) if isinstance(o, Literal)]
            english = [o for o in literals if (o.language or '').startswith('en')]
            chosen = english or literals
            if chosen:
                candidates[target] = [(target, predicate, o) for o in chosen]
                break
    return triples | incoming, candidates


def compare(entry):
    placed, merged = dump(entry['dump'])
    core, candidates = restriction(merged, entry['iri'])
    doc = ConjunctiveGraph()
    doc.parse(entry['file'], format=entry['format'], publicID=BASE)
    got = {(s, p, o) for s, p, o, _ in doc.quads((None, None, None, None))}
    if entry['format'] in ('nquads', 'trig'):
        for s, p, o, c in doc.quads((None, None, None, None)):
            if (s, p, o, str(c.identifier)) not in placed:
                return False, f'{s} {p} {o} is not in graph {c.identifier} of the dump'
    expected = set(core)
    for target, options in candidates.items():
        chosen = [t for t in options if t in got]
        if len(chosen) > 1:
            return False, f'{len(chosen)} labels of {target}'
        expected.add(chosen[0] if chosen else options[0])
    a, b = Graph(), Graph()
    for t in expected:
        a.add(t)
    for t in got:
        b.add(t)
    if isomorphic(a, b):
        return True, ''
    return False, f'missing {sorted(map(str, expected - got))[:3]}, extra {sorted(map(str, got - expected))[:3]}'


results = []
for entry in json.load(sys.stdin):
    ok, why = compare(entry)
    results.append({'file': entry['file'], 'isomorphic': ok, 'why': why})
print(json.dumps(results))
