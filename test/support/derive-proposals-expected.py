# python3 test/support/derive-proposals-expected.py (from the project root; needs rdflib)
"""Re-derives test/expected/remedies-for-obstacles.json, proposals-against.json (and its --illegal-trading and
--migration cases) and asks-by-group.json from the Turtle sources with rdflib's triple API (no SPARQL),
following what the queries ask: every asm:addresses link to an obstacle (or, for proposals-against, an
obstacle or issue), with whether the proposal is a remedy and whether it is a recommendation, and each actor
named (asm:actor) or implied (asm:impliedActor); and every named or implied actor of a statement counted
under its top group by skos:broader. Run after the editorial data changes."""
import glob, json, rdflib
from rdflib.namespace import RDF, RDFS, SKOS

g = rdflib.Graph()
for folder in ['ontology', 'data/statements', 'data/editorial']:
    for path in sorted(glob.glob(f'{folder}/*.ttl')):
        g.parse(path, format='turtle')
A = rdflib.Namespace('https://w3id.org/asm-kg/ontology#')
SCHEME = rdflib.URIRef('https://w3id.org/asm-kg/id/scheme/stakeholders')

def superclasses(c, seen):
    for s in g.objects(c, RDFS.subClassOf):
        if s not in seen:
            seen.add(s)
            superclasses(s, seen)
    return seen
def is_a(x, cls):
    return any(cls == c or cls in superclasses(c, set()) for c in g.objects(x, RDF.type))
def pos(x): return int(g.value(x, A.position))
def text(x): return str(g.value(x, A.text))
def b(v): return 'true' if v else 'false'
def actors(s):
    """(implied, actor) pairs, ordered as ORDER BY ?implied ?actor orders them (false first, then by IRI)."""
    return sorted([(False, a) for a in g.objects(s, A.actor)] + [(True, a) for a in g.objects(s, A.impliedActor)],
                  key=lambda p: (p[0], str(p[1])))

def proposal_rows(kinds, target_var, proposal_var, text_vars, only=None, with_kind=False):
    rows = []
    for p, t in g.subject_objects(A.addresses):
        if only is not None and t != only: continue
        for kind in kinds:
            if (t, RDF.type, kind) not in g and not (kind in (A.Obstacle,) and is_a(t, kind)): continue
            base = {target_var: str(t)}
            if with_kind: base['targetKind'] = str(kind)
            base[text_vars[0]] = text(t)
            base[proposal_var] = str(p)
            base[text_vars[1]] = text(p)
            base['isRemedy'] = b(is_a(p, A.Remedy))
            base['recommendation'] = b((p, RDF.type, A.Recommendation) in g)
            # The link's record: the asm:Reading of (p asm:addresses t), and its reason.
            records = [r for r in g.subjects(A.readingOf, p)
                       if (r, A.readingProperty, A.addresses) in g and (r, A.readingValue, t) in g]
            extra = {}
            if records:
                extra = {'reading': str(records[0]), 'basis': str(g.value(records[0], A.basis))}
            pairs = actors(p)
            key = (pos(t), pos(p))
            if not pairs: rows.append((key, (0, ''), {**base, **extra}))
            for implied, actor in pairs:
                rows.append((key, (1 if implied else 0, str(actor)), {**base, 'actor': str(actor), 'implied': b(implied), **extra}))
    rows.sort(key=lambda r: (r[0], r[1]))
    return [r for _, _, r in rows]

def write(name, rows):
    path = f'test/expected/{name}.json'
    old = json.load(open(path))
    old['rows'] = rows
    for v in ('reading', 'basis'):
        if name.startswith(('remedies-for-obstacles', 'proposals-against')) and v not in old['variables']:
            old['variables'].append(v)
    open(path, 'w').write(json.dumps(old, indent=2, ensure_ascii=False) + '\n')
    print(path, len(rows))

write('remedies-for-obstacles', proposal_rows([A.Obstacle], 'obstacle', 'remedy', ['obstacleText', 'remedyText']))
ST = 'https://w3id.org/asm-kg/id/statement/'
for name, target in [('proposals-against', None), ('proposals-against--illegal-trading', rdflib.URIRef(ST + 'w2-a-7')),
                     ('proposals-against--migration', rdflib.URIRef(ST + 'w2-b-6'))]:
    write(name, proposal_rows([A.Obstacle, A.Issue], 'target', 'proposal', ['targetText', 'proposalText'], target, True))

groups = sorted(g.subjects(SKOS.topConceptOf, SCHEME), key=str)
def broader_star(x, seen=None):
    seen = seen if seen is not None else {x}
    for up in g.objects(x, SKOS.broader):
        if up not in seen:
            seen.add(up)
            broader_star(up, seen)
    return seen
rows = []
for group in groups:
    for implied, prop in [(False, A.actor), (True, A.impliedActor)]:
        for s, actor in g.subject_objects(prop):
            if group in broader_star(actor):
                rows.append(((str(group), pos(s), 1 if implied else 0, str(actor)),
                             {'group': str(group), 'actor': str(actor), 'implied': b(implied), 'workshop': str(g.value(s, A.raisedIn)), 'statement': str(s), 'text': text(s)}))
rows.sort(key=lambda r: r[0])
write('asks-by-group', [r for _, r in rows])

# theme-consensus: per theme not deprecated, the simultaneous workshops and top groups (addressed to, or of a
# named or implied actor) of its statements, its statements, and its current echoes with both sides on it.
from rdflib.namespace import OWL
TRUE = rdflib.Literal(True)
def top(x): return [t for t in broader_star(x) if (t, SKOS.topConceptOf, SCHEME) in g]
rows = []
for theme in set(g.subjects(RDF.type, A.Theme)):
    if (theme, OWL.deprecated, TRUE) in g: continue
    statements = set(g.subjects(A.theme, theme))
    workshops = {w for s in statements for w in g.objects(s, A.raisedIn) if (w, RDF.type, A.SimultaneousWorkshop) in g}
    groups = {x for s in statements for x in g.objects(s, A.addressedTo)}
    groups |= {t for s in statements for p in (A.actor, A.impliedActor) for a in g.objects(s, p) for t in top(a)}
    echoes = {e for e in g.subjects(RDF.type, A.Echo) if (e, OWL.deprecated, TRUE) not in g
              and len(set(g.objects(e, A.echoBetween)) & statements) == 2}
    row = {'theme': str(theme), 'label': str(g.value(theme, SKOS.prefLabel)), 'workshops': str(len(workshops)),
           'groups': str(len(groups)), 'statements': str(len(statements)), 'echoes': str(len(echoes))}
    rows.append(((-len(workshops), -len(echoes), -len(groups), -len(statements), str(theme)), row))
write('theme-consensus', [r for _, r in sorted(rows, key=lambda r: r[0])])
