# python3 test/support/derive-stakeholder-card-expected.py (from the project root; needs rdflib)
"""Re-derives test/expected/stakeholder-card.json (civil society) and stakeholder-card--government.json from the
Turtle sources with rdflib's triple API (no SPARQL), following what queries/stakeholder-card.rq asks for: the
stakeholder and its label; every statement addressed to it or asking it (or an actor under it) to act, with its
kind, text and workshop, the link that puts it on the card and that actor's label, its themes and their labels;
and every remedy or recommendation addressing such a statement, with its kind and text."""
import glob, json, rdflib
from rdflib.namespace import RDF, SKOS
g = rdflib.Graph()
for f in sorted(glob.glob('data/statements/*.ttl') + glob.glob('data/editorial/*.ttl')):
    g.parse(f, format='turtle')
A = rdflib.Namespace('https://w3id.org/asm-kg/ontology#')
B = 'https://w3id.org/asm-kg/id/'
PREFIXES = [('st:', B + 'statement/'), ('stk:', B + 'stakeholder/'), ('ws:', B + 'workshop/'), ('theme:', B + 'theme/'),
            ('asm:', str(A)), ('skos:', str(SKOS)), ('rdf:', str(RDF))]
def show(t):
    if isinstance(t, rdflib.Literal): return str(t)
    for p, ns in PREFIXES:
        if str(t).startswith(ns): return p + str(t)[len(ns):]
    return str(t)
KINDS = {A.Issue, A.Obstacle, A.Opportunity, A.SpecificStep}
REMEDY_KINDS = {A.Opportunity, A.SpecificStep, A.Recommendation}
def under(actor, stakeholder):  # actor skos:broader* stakeholder
    seen, todo = set(), [actor]
    while todo:
        x = todo.pop()
        if x == stakeholder: return True
        if x in seen: continue
        seen.add(x); todo.extend(g.objects(x, SKOS.broader))
    return False
def card(stakeholder):
    s = rdflib.URIRef(B + 'stakeholder/' + stakeholder)
    out = {(s, RDF.type, A.Stakeholder)} | {(s, SKOS.prefLabel, l) for l in g.objects(s, SKOS.prefLabel)}
    statements = set(g.subjects(A.addressedTo, s)) | {st for p in (A.actor, A.impliedActor) for st, a in g.subject_objects(p) if under(a, s)}
    for st in statements:
        if g.value(st, A.text) is None: continue
        for k in g.objects(st, RDF.type):
            if k in KINDS:
                out |= {(st, RDF.type, k)} | {(st, A.text, t) for t in g.objects(st, A.text)} | {(st, A.raisedIn, w) for w in g.objects(st, A.raisedIn)}
        for role in (A.addressedTo, A.actor, A.impliedActor):
            for a in g.objects(st, role):
                if under(a, s):
                    for l in g.objects(a, SKOS.prefLabel): out |= {(st, role, a), (a, SKOS.prefLabel, l)}
        for th in g.objects(st, A.theme):
            for l in g.objects(th, SKOS.prefLabel): out |= {(st, A.theme, th), (th, SKOS.prefLabel, l)}
        for r in g.subjects(A.addresses, st):
            for k in g.objects(r, RDF.type):
                if k in REMEDY_KINDS:
                    for t in g.objects(r, A.text): out |= {(r, A.addresses, st), (r, RDF.type, k), (r, A.text, t)}
    return sorted([show(x) for x in t] for t in out)
for stakeholder, path in (('civil-society', 'test/expected/stakeholder-card.json'), ('government', 'test/expected/stakeholder-card--government.json')):
    triples = card(stakeholder)
    expected = {'params': {'stakeholder': 'stk:' + stakeholder}, 'triples': len(triples), 'mustContain': triples}
    open(path, 'w').write(json.dumps(expected, indent=2, ensure_ascii=False) + '\n')
    print(path, len(triples))
