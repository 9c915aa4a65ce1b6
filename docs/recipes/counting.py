"""Counting right over the default graph: every statement once, not once per named graph that mentions it.

Run:  python3 counting.py [ENDPOINT]
ENDPOINT is a SPARQL endpoint holding the graph; by default the one `asm-kg serve` runs on this computer.
Prints CSV: how, statements.
Needs: SPARQLWrapper (Debian: python3-sparqlwrapper; or pip install sparqlwrapper).

The graph is kept in named graphs (the source's statements, the editors' readings, ...), and some triples are
in more than one: every statement is typed asm:Statement in the statements graph, and again in the editorial
graph when the editors read something into it. The default graph, which a query without GRAPH reads, is the
merge of the named graphs: each triple once. Counting there gives the number of statements. Counting inside
GRAPH ?g counts a statement once per graph that holds it, which is too many, unless you count DISTINCT.
"""
import sys

from SPARQLWrapper import JSON, SPARQLWrapper

ENDPOINT = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8080/sparql"
PREFIX = "PREFIX asm: <https://w3id.org/asm-kg/ontology#>\n"

QUESTIONS = [
    ("in the default graph (right)", "SELECT (COUNT(?s) AS ?n) WHERE { ?s a asm:Statement }"),
    ("once per named graph (too many)", "SELECT (COUNT(?s) AS ?n) WHERE { GRAPH ?g { ?s a asm:Statement } }"),
    ("distinct over the named graphs (right)", "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { GRAPH ?g { ?s a asm:Statement } }"),
]


def count(query):
    sparql = SPARQLWrapper(ENDPOINT)
    sparql.setQuery(PREFIX + query)
    sparql.setReturnFormat(JSON)
    (row,) = sparql.query().convert()["results"]["bindings"]
    return int(row["n"]["value"])


answers = [(how, count(query)) for how, query in QUESTIONS]
print("how,statements")
for how, statements in answers:
    print(f"{how},{statements}")
