"""Derives test/expected/unreviewed-readings.json and echoes.json from the Turtle sources with rdflib, in
plain Python (no SPARQL), so that the catalogue's expectations do not come from the engine under test.
Run from the project root: python3 test/support/derive-readings-expected.py"""
import glob, json
import rdflib
from rdflib import RDF, URIRef
from rdflib.namespace import OWL

ASM = rdflib.Namespace('https://w3id.org/asm-kg/ontology#')
g = rdflib.Graph()
for folder in ['ontology', 'data/statements', 'data/editorial', 'data/links', 'data/provenance']:
    for path in sorted(glob.glob(f'{folder}/*.ttl')):
        g.parse(path)

def current(record):
    return (record, OWL.deprecated, rdflib.Literal(True)) not in g

def write(name, variables, rows):
    with open(f'test/expected/{name}.json', 'w') as out:
        out.write(json.dumps({'ordered': True, 'variables': variables, 'rows': rows}, indent=2, ensure_ascii=False) + '\n')

# Current readings and echoes that no review passed, ordered by property, statement, value (IRIs as strings).
rows = []
for record in set(g.subjects(RDF.type, ASM.Reading)):
    if current(record) and g.value(record, ASM.passedReview) is None:
        rows.append({'reading': str(record), 'statement': str(g.value(record, ASM.readingOf)),
                     'property': str(g.value(record, ASM.readingProperty)), 'value': str(g.value(record, ASM.readingValue)),
                     'rule': str(g.value(record, ASM.appliesRule))})
for echo in set(g.subjects(RDF.type, ASM.Echo)):
    if current(echo) and g.value(echo, ASM.passedReview) is None:
        a, b = sorted(str(x) for x in g.objects(echo, ASM.echoBetween))
        rows.append({'reading': str(echo), 'statement': a, 'property': str(ASM.echoes), 'value': b, 'rule': str(g.value(echo, ASM.appliesRule))})
rows.sort(key=lambda r: (r['property'], r['statement'], r['value']))
write('unreviewed-readings', ['reading', 'statement', 'property', 'value', 'rule'], rows)

# Current echoes, each pair once, the statement that comes first in the document first.
def position(s): return int(g.value(s, ASM.position))
rows = []
for echo in set(g.subjects(RDF.type, ASM.Echo)):
    if not current(echo): continue
    a, b = sorted(g.objects(echo, ASM.echoBetween), key=position)
    rows.append(((position(a), position(b)), {
        'echo': str(echo), 'a': str(a), 'aWorkshop': str(g.value(a, ASM.raisedIn)), 'aText': str(g.value(a, ASM.text)),
        'b': str(b), 'bWorkshop': str(g.value(b, ASM.raisedIn)), 'bText': str(g.value(b, ASM.text)),
        'similarity': str(g.value(echo, ASM.similarity)), 'basis': str(g.value(echo, ASM.basis))}))
write('echoes', ['echo', 'a', 'aWorkshop', 'aText', 'b', 'bWorkshop', 'bText', 'similarity', 'basis'], [r for _, r in sorted(rows, key=lambda x: x[0])])
