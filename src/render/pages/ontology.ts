/**
 * The ontology's documentation at /ontology, at least what pyLODE or Widoco give: a table of contents;
 * each class with its definition, superclasses, subclasses, the properties whose domain it is, and what
 * its SHACL shape requires; each property grouped by domain, with domain, range, whether it is editorial
 * or the source's, and a real example triple from the data; a diagram of the classes and main properties
 * as SVG; the namespaces. Every term has its anchor (`/ontology#Obstacle`), so hash IRIs resolve here.
 */
import type * as RDF from '@rdfjs/types';
import { Parser, Store } from 'n3';
import { OWL, RDF_TYPE, RDFS } from './graph.js';
import { EDITORIAL, escapeHtml, link, scrollBox } from '../layout.js';
import { drawClassDiagram } from './ontology-diagram.js';
import { pathOf, resourceLink, type Ctx } from './statement-item.js';
import type { Rendered } from './workshop.js';

const SH = 'http://www.w3.org/ns/shacl#';
const XSD = 'http://www.w3.org/2001/XMLSchema#';

export interface OntologyInput {
  /** The SHACL shapes (Turtle), if the project has them. */
  shapes: string | undefined;
  prefixes: Record<string, string>;
  /** The release folder of dist/ that holds shapes.ttl. */
  version: string;
}

export function ontologyPage(ctx: Ctx, input: OntologyInput): Rendered {
  const { g } = ctx;
  const ontology = `${g.base}ontology`;
  const ns = g.asm;
  const terms = (type: string) => g.instances(type).filter((t) => t.startsWith(ns)).sort();
  const classes = terms(`${OWL}Class`);
  const properties = [...new Set([...terms(`${OWL}ObjectProperty`), ...terms(`${OWL}DatatypeProperty`), ...terms(`${OWL}AnnotationProperty`)])].sort();
  const short = (iri: string) => curie(iri, input.prefixes);
  const termLink = (iri: string) => (iri.startsWith(ns) ? `<a href="#${escapeHtml(iri.slice(ns.length))}"><code>${escapeHtml(short(iri))}</code></a>` : `<code>${escapeHtml(short(iri))}</code>`);
  const shapes = readShapes(input.shapes);
  const editorial = (p: string) => g.has(p, g.a('assertionKind'), g.a('Editorial'));

  // The editorial rules: each is written once, in its rdfs:comment, and linked from the terms it governs.
  const rules = terms(g.a('EditorialRule'));
  const ruleOf = (term: string) => g.iris(term, g.a('rule'));
  const ruleFacts = (term: string) => (ruleOf(term).length === 0 ? '' : `<dt>Rule</dt><dd>${ruleOf(term).map(termLink).join(', ')}</dd>\n`);
  const rulesHtml = rules.map((r) => {
    const governs = [...classes, ...properties].filter((t) => ruleOf(t).includes(r));
    const readings = g.subjects(g.a('appliesRule'), r).length;
    return `<section id="${escapeHtml(r.slice(ns.length))}" class="term rule">
<h3>${escapeHtml(g.label(r))} <small><code>${escapeHtml(short(r))}</code></small> ${EDITORIAL}</h3>
<p>${escapeHtml(g.literal(r, `${RDFS}comment`) ?? '')}</p>
<dl class="facts-list">
<dt>Governs</dt><dd>${governs.length === 0 ? '—' : governs.map(termLink).join(', ')}</dd>
<dt>Readings that apply it</dt><dd>${readings}${readings > 0 ? ` (${link(ctx.links, `/sparql?query=${encodeURIComponent(`SELECT ?reading WHERE { ?reading <${g.a('appliesRule')}> <${r}> } LIMIT 500`)}`, 'list them')})` : ''}</dd>
</dl>
</section>`;
  }).join('\n');

  const classHtml = classes.map((c) => {
    const supers = g.iris(c, `${RDFS}subClassOf`);
    const subs = classes.filter((x) => g.iris(x, `${RDFS}subClassOf`).includes(c));
    const own = properties.filter((p) => g.iris(p, `${RDFS}domain`).includes(c));
    const instances = g.instances(c).length;
    const shape = shapes.get(c) ?? [];
    return `<section id="${escapeHtml(c.slice(ns.length))}" class="term">
<h3>${escapeHtml(g.label(c))} <small><code>${escapeHtml(short(c))}</code></small></h3>
<p>${escapeHtml(g.literal(c, `${RDFS}comment`) ?? '')}</p>
<dl class="facts-list">
${ruleFacts(c)}<dt>Subclass of</dt><dd>${supers.length === 0 ? '—' : supers.map(termLink).join(', ')}</dd>
<dt>Subclasses</dt><dd>${subs.length === 0 ? '—' : subs.map(termLink).join(', ')}</dd>
<dt>Properties</dt><dd>${own.length === 0 ? '—' : own.map(termLink).join(', ')}</dd>
<dt>Instances</dt><dd>${instances}${instances > 0 ? ` (${link(ctx.links, `/sparql?query=${encodeURIComponent(`SELECT ?instance WHERE { ?instance a <${c}> } LIMIT 200`)}`, 'list them')})` : ''}</dd>
<dt>Its shape requires</dt><dd>${shape.length === 0 ? '—' : `<ul>${shape.map((s) => `<li>${s}</li>`).join('')}</ul>`}</dd>
</dl>
</section>`;
  }).join('\n');

  // Properties grouped by their domain (those with none last).
  const domains = new Map<string, string[]>();
  for (const p of properties) {
    const domain = g.iris(p, `${RDFS}domain`)[0] ?? '';
    domains.set(domain, [...(domains.get(domain) ?? []), p]);
  }
  const domainOrder = [...domains.keys()].sort((a, b) => (a === '' ? 1 : b === '' ? -1 : g.label(a).localeCompare(g.label(b))));
  const propertyHtml = domainOrder.map((domain) => {
    const items = domains.get(domain)!.map((p) => {
      const type = g.iris(p, RDF_TYPE).filter((t) => t.startsWith(OWL)).map((t) => t.slice(OWL.length)).join(', ');
      const ranges = g.iris(p, `${RDFS}range`);
      const supers = g.iris(p, `${RDFS}subPropertyOf`);
      return `<section id="${escapeHtml(p.slice(ns.length))}" class="term">
<h4>${escapeHtml(g.label(p))} <small><code>${escapeHtml(short(p))}</code></small> ${editorial(p) ? EDITORIAL : ''}</h4>
<p>${escapeHtml(g.literal(p, `${RDFS}comment`) ?? '')}</p>
<dl class="facts-list">
${ruleFacts(p)}<dt>Type</dt><dd>${escapeHtml(type)}</dd>
<dt>Domain</dt><dd>${domain === '' ? '—' : termLink(domain)}</dd>
<dt>Range</dt><dd>${ranges.length === 0 ? '—' : ranges.map(termLink).join(', ')}</dd>
${supers.length > 0 ? `<dt>Subproperty of</dt><dd>${supers.map(termLink).join(', ')}</dd>\n` : ''}<dt>Says</dt><dd>${editorial(p) ? 'what the editors interpret (named graph <code>graph:editorial</code>)' : 'what the source says'}</dd>
<dt>Example</dt><dd>${example(ctx, p, input.prefixes)}</dd>
</dl>
</section>`;
    }).join('\n');
    return `<h3 id="domain-${escapeHtml(domain === '' ? 'none' : domain.replace(/^.*[#/]/, ''))}">${domain === '' ? 'Without a declared domain' : `On ${escapeHtml(g.label(domain))}`}</h3>\n${items}`;
  }).join('\n');

  const namespaces = Object.entries(input.prefixes).sort(([a], [b]) => a.localeCompare(b))
    .map(([prefix, iri]) => `<tr><td><code>${escapeHtml(prefix)}:</code></td><td><code>${escapeHtml(iri)}</code></td></tr>`).join('\n');
  const toc = `<nav class="toc" aria-label="Contents"><h2 id="contents">Contents</h2><ol>
<li><a href="#diagram">Diagram</a></li>
<li><a href="#classes">Classes</a><ol>${classes.map((c) => `<li><a href="#${escapeHtml(c.slice(ns.length))}">${escapeHtml(g.label(c))}</a></li>`).join('')}</ol></li>
<li><a href="#properties">Properties</a><ol>${domainOrder.map((d) => `<li><a href="#domain-${escapeHtml(d === '' ? 'none' : d.replace(/^.*[#/]/, ''))}">${d === '' ? 'without a domain' : `on ${escapeHtml(g.label(d))}`}</a></li>`).join('')}</ol></li>
<li><a href="#rules">Editorial rules</a><ol>${rules.map((r) => `<li><a href="#${escapeHtml(r.slice(ns.length))}">${escapeHtml(g.label(r))}</a></li>`).join('')}</ol></li>
<li><a href="#namespaces">Namespaces</a></li>
<li><a href="#shapes">Shapes</a></li>
</ol></nav>`;
  const title = g.literal(ontology, 'http://purl.org/dc/terms/title') ?? 'Ontology';
  const version = g.literal(ontology, `${OWL}versionInfo`);
  const main = `<h1>${escapeHtml(title)}</h1>
<p>${escapeHtml(g.literal(ontology, 'http://purl.org/dc/terms/description') ?? '')}</p>
<dl class="facts-list">
<dt>IRI</dt><dd><code>${escapeHtml(ontology)}</code></dd>
${version ? `<dt>Version</dt><dd>${escapeHtml(version)}</dd>\n` : ''}<dt>Namespace</dt><dd><code>${escapeHtml(ns)}</code> (prefix <code>asm:</code>)</dd>
<dt>Terms</dt><dd>${classes.length} classes, ${properties.length} properties</dd>
</dl>
${toc}
<h2 id="diagram">Diagram</h2>
<p>Classes (boxes, indented under their superclass) and the main properties between them (arcs, from domain to range; dashed: editorial).</p>
<figure class="diagram">
${drawClassDiagram(g, classes, properties, editorial)}
<figcaption>The classes of <code>asm:</code> and the object properties between them.</figcaption>
</figure>
<h2 id="classes">Classes</h2>
${classHtml}
<h2 id="properties">Properties, by domain</h2>
${propertyHtml}
<h2 id="rules">Editorial rules</h2>
<p>Each editorial relation is read from the source by one published rule. Every reading records the rule it applies (<code>asm:appliesRule</code>), its basis, and the domain reviews that judged it sound.</p>
${rulesHtml}
<h2 id="namespaces">Namespaces</h2>
${scrollBox(`<table><thead><tr><th scope="col">prefix</th><th scope="col">namespace</th></tr></thead><tbody>\n${namespaces}\n</tbody></table>`, 'Namespaces')}
<h2 id="shapes">Shapes</h2>
<p>The SHACL shapes every build validates the data with are published with each release: ${link(ctx.links, `/dist/${input.version}/shapes.ttl`, `dist/${input.version}/shapes.ttl`)}. What each one requires is listed under its class above.</p>`;
  return { title, crumbs: [{ label: 'Ontology' }], main, description: 'Classes, properties, diagram and shapes of the asm-kg ontology.' };
}

function curie(iri: string, prefixes: Record<string, string>): string {
  for (const [prefix, namespace] of Object.entries(prefixes).sort(([, a], [, b]) => b.length - a.length)) {
    if (iri.startsWith(namespace) && /^[\w.-]*$/.test(iri.slice(namespace.length))) return `${prefix}:${iri.slice(namespace.length)}`;
  }
  return iri;
}

/** A real triple of the data with this property: the first subject in document order (or by IRI). */
function example(ctx: Ctx, property: string, prefixes: Record<string, string>): string {
  const { g } = ctx;
  const quads = g.quads(null, property, null).filter((q) => q.graph.value !== `${g.base}graph/ontology`);
  if (quads.length === 0) return 'none in the data';
  const sorted = quads.slice().sort((a, b) => g.position(a.subject.value) - g.position(b.subject.value) || a.subject.value.localeCompare(b.subject.value));
  const q = sorted[0]!;
  const term = (t: RDF.Term) => {
    if (t.termType === 'NamedNode') {
      const path = pathOf(g, t.value);
      const shown = curie(t.value, prefixes);
      return path === undefined ? `<code>${escapeHtml(shown)}</code>` : resourceLink(ctx, t.value, shown);
    }
    if (t.termType === 'Literal') {
      const text = t.value.length > 80 ? `${t.value.slice(0, 78)}…` : t.value;
      return `<code>"${escapeHtml(text)}"${t.language ? `@${escapeHtml(t.language)}` : t.datatype.value === `${XSD}string` ? '' : `^^${escapeHtml(curie(t.datatype.value, prefixes))}`}</code>`;
    }
    return `<code>_:${escapeHtml(t.value)}</code>`;
  };
  return `${term(q.subject)} <code>${escapeHtml(curie(property, prefixes))}</code> ${term(q.object)} <small>(${quads.length} in all)</small>`;
}

/** What each class's shapes require, one line per property shape, with the shape's own message. */
function readShapes(text: string | undefined): Map<string, string[]> {
  const result = new Map<string, string[]>();
  if (text === undefined) return result;
  const store = new Store(new Parser().parse(text));
  const one = (s: RDF.Term, p: string) => store.getObjects(s as RDF.Quad_Subject, `${SH}${p}`, null)[0];
  const list = (head: RDF.Term | undefined): RDF.Term[] => {
    const items: RDF.Term[] = [];
    for (let node = head; node !== undefined && node.value !== `${RDF_TYPE.replace('type', 'nil')}` && items.length < 50;) {
      const first = store.getObjects(node as RDF.Quad_Subject, RDF_TYPE.replace('type', 'first'), null)[0];
      if (first) items.push(first);
      node = store.getObjects(node as RDF.Quad_Subject, RDF_TYPE.replace('type', 'rest'), null)[0];
    }
    return items;
  };
  const name = (t: RDF.Term | undefined) => (t === undefined ? '' : t.value.replace(/^.*[#/]/, ''));
  for (const shape of store.getSubjects(`${SH}targetClass`, null, null)) {
    for (const target of store.getObjects(shape, `${SH}targetClass`, null)) {
      const lines = result.get(target.value) ?? [];
      for (const property of store.getObjects(shape, `${SH}property`, null)) {
        const path = one(property, 'path');
        const inverse = path?.termType === 'BlankNode' ? one(path, 'inversePath') : undefined;
        const pathText = inverse ? `^${name(inverse)}` : name(path);
        const min = one(property, 'minCount')?.value ?? one(property, 'qualifiedMinCount')?.value;
        const max = one(property, 'maxCount')?.value ?? one(property, 'qualifiedMaxCount')?.value;
        const count = min !== undefined && max !== undefined ? (min === max ? `exactly ${min}` : `${min} to ${max}`) : min !== undefined ? `at least ${min}` : max !== undefined ? `at most ${max}` : '';
        const constraints = [
          ...(one(property, 'datatype') ? [`datatype ${name(one(property, 'datatype'))}`] : []),
          ...(one(property, 'class') ? [`of class ${name(one(property, 'class'))}`] : []),
          ...(one(property, 'in') ? [`one of ${list(one(property, 'in')).map(name).join(', ')}`] : []),
          ...(one(property, 'or') ? [`of class ${list(one(property, 'or')).map((alt) => name(one(alt, 'class'))).join(' or ')}`] : []),
          ...(one(property, 'hasValue') ? [`the value ${name(one(property, 'hasValue'))}`] : []),
        ];
        const severity = name(one(property, 'severity') ?? one(shape, 'severity'));
        const message = one(property, 'message')?.value;
        lines.push(`<code>${escapeHtml(pathText)}</code>: ${escapeHtml([count, ...constraints].filter((x) => x !== '').join(', '))}${severity === 'Warning' ? ' (warning)' : ''}${message ? ` — <q>${escapeHtml(message)}</q>` : ''}`);
      }
      result.set(target.value, lines);
    }
  }
  return result;
}
