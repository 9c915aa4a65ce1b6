# python3 test/support/derive-recommendations-expected.py (from the project root; needs rdflib)
"""Re-derives test/expected/recommendations.json from the Turtle sources with rdflib's triple API (no SPARQL):
every asm:Recommendation in document order, with its kind, basis, and counts of named actors, implied actors
and asm:addresses targets. Run from the project root after the editorial data changes."""
import glob, json, rdflib
g = rdflib.Graph()
for f in sorted(glob.glob('data/statements/*.ttl') + glob.glob('data/editorial/*.ttl')):
    g.parse(f, format='turtle')
A = rdflib.Namespace('https://w3id.org/asm-kg/ontology#')
B = 'https://w3id.org/asm-kg/id/'
def short(t):
    t = str(t)
    for p, ns in (('st:', B + 'statement/'), ('ws:', B + 'workshop/'), ('asm:', str(A))):
        if t.startswith(ns): return p + t[len(ns):]
    return t
KINDS = {A.Issue, A.Obstacle, A.Opportunity, A.SpecificStep}
rows = []
for s in set(g.subjects(rdflib.RDF.type, A.Recommendation)):
    kinds = [k for k in g.objects(s, rdflib.RDF.type) if k in KINDS]
    for kind in kinds:
        for basis in g.objects(s, A.recommendationBasis):
            rows.append((int(g.value(s, A.position)), {
                'workshop': short(g.value(s, A.raisedIn)), 'kind': short(kind), 'statement': short(s),
                'text': str(g.value(s, A.text)), 'basis': str(basis),
                'namedActors': str(len(set(g.objects(s, A.actor)))),
                'impliedActors': str(len(set(g.objects(s, A.impliedActor)))),
                'addresses': str(len(set(g.objects(s, A.addresses))))}))
rows.sort(key=lambda r: r[0])
out = {'ordered': True, 'variables': ['workshop', 'kind', 'statement', 'text', 'basis', 'namedActors', 'impliedActors', 'addresses'],
       'rows': [r for _, r in rows]}
open('test/expected/recommendations.json', 'w').write(json.dumps(out, indent=2, ensure_ascii=False) + '\n')
print(len(rows))
