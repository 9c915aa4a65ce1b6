"""The editors' themes and how many statements they read under each, from one named graph of a dump, with rdflib.

Run:  python3 named-graph-with-rdflib.py [DUMP]
DUMP is the release's N-Quads dump (a file or its web address); by default the current release's.
Prints CSV: theme, label, statements, largest first.
Needs: rdflib (Debian: python3-rdflib; or pip install rdflib).

The dump keeps what the source says and what the editors read into it in separate named graphs. The themes
are editorial, so this reads the graph https://w3id.org/asm-kg/graph/editorial alone.
"""
import csv
import sys
from collections import Counter

from rdflib import Dataset, Namespace, URIRef
from rdflib.namespace import SKOS

DUMP = sys.argv[1] if len(sys.argv) > 1 else "https://w3id.org/asm-kg/dist/0.3.0/asm-kg.nq"
ASM = Namespace("https://w3id.org/asm-kg/ontology#")
EDITORIAL = URIRef("https://w3id.org/asm-kg/graph/editorial")

dataset = Dataset()
dataset.parse(DUMP, format="nquads")
editorial = dataset.graph(EDITORIAL)

# asm:theme links a statement to a theme; count the statements of each theme.
counts = Counter(theme for statement, theme in editorial.subject_objects(ASM.theme))

out = csv.writer(sys.stdout, lineterminator="\n")
out.writerow(["theme", "label", "statements"])
for theme, statements in sorted(counts.items(), key=lambda item: (-item[1], str(item[0]))):
    out.writerow([theme, editorial.value(theme, SKOS.prefLabel), statements])
