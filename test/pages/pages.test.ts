/**
 * Each kind of page, rendered from the built graph by createPages: what it must show, checked against
 * the graph's own triples or the catalogue queries, and that every link goes through PageLinks.href and
 * leads to a page, an asset or a route of the server.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { DataFactory } from 'n3';
import { query, readCatalogueQuery } from '../../src/index.js';
import { join } from 'node:path';
import { parseMementoPath, parseTimeMapPath } from '../../src/core/memento-iris.js';
import { readRelease } from '../../src/core/release.js';
import { ReleaseArchive } from '../../src/render/release-archive.js';
import { attr, BASE, findAll, hasClass, loadPages, LINKS, parseStrict, render, ROOT, text, type Element } from './support.js';

const { namedNode } = DataFactory;
const ASM = `${BASE}ontology#`;

async function doc(path: string, query = ''): Promise<Element> {
  return parseStrict((await render(path, query)).html).document as unknown as Element;
}
const byClass = (root: Element, name: string) => findAll(root, (e) => hasClass(e, name));
const main = (root: Element) => findAll(root, (e) => e.tagName === 'main')[0]!;
/** The text of the <dd> after the <dt> that says `term`. */
function definition(root: Element, term: string): string | undefined {
  const items = findAll(root, (e) => e.tagName === 'dt' || e.tagName === 'dd');
  const at = items.findIndex((e) => e.tagName === 'dt' && text(e) === term);
  return at < 0 ? undefined : text(items[at + 1]!);
}

async function catalogue(name: string): Promise<Array<Record<string, string>>> {
  const { graph } = await loadPages();
  const result = await query(graph, readCatalogueQuery(name, ROOT).text, { name });
  if (result.type !== 'bindings') throw new Error(`${name} is not a SELECT query`);
  return result.rows.map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, v!.value])));
}

describe('statement page', () => {
  it('gives the verbatim quote first, where it stands, and the previous and next statements', async () => {
    const page = main(await doc('/id/statement/w2-a-1.2'));
    const first = page.childNodes.filter((n): n is Element => 'tagName' in n);
    expect(first[0]!.tagName).toBe('h1');
    expect(first[1]!.tagName).toBe('blockquote');
    expect(text(first[1]!)).toBe('miners and indigenous groups should participate in drafting laws and regulations');
    const where = findAll(page, (e) => e.tagName === 'p' && text(e).startsWith('Where it stands:'))[0]!;
    expect(findAll(where, (e) => e.tagName === 'a').map((a) => attr(a, 'href'))).toEqual(['/id/workshop/2', '/id/section/w2-a', '/id/statement/w2-a-1']);
    const prevNext = byClass(page, 'prevnext')[0]!;
    expect(findAll(prevNext, (e) => e.tagName === 'a').map((a) => attr(a, 'href'))).toEqual(['/id/statement/w2-a-1.1', '/id/statement/w2-a-1.3']);
  });

  it('keeps what the source says apart from the editors’ reading, each editorial link with its basis', async () => {
    const page = main(await doc('/id/statement/w1-a-government-1'));
    const source = byClass(page, 'source')[0]!;
    const editors = byClass(page, 'editors')[0]!;
    expect(text(source)).not.toMatch(/theme/i);
    // Themes, implied actor and recommendation are editorial; the graph records the bases of the latter two.
    const { graph } = await loadPages();
    const s = namedNode(`${BASE}id/statement/w1-a-government-1`);
    const basis = graph.store.getObjects(s, namedNode(`${ASM}impliedActorBasis`), null)[0]!.value;
    const words = graph.store.getObjects(s, namedNode(`${ASM}recommendationBasis`), null)[0]!.value;
    expect(text(editors)).toContain(basis);
    expect(text(editors)).toContain(`the words: “${words}”`);
    for (const theme of graph.store.getObjects(s, namedNode(`${ASM}theme`), null)) {
      expect(findAll(editors, (e) => e.tagName === 'a').map((a) => attr(a, 'href'))).toContain(`/${theme.value.slice(BASE.length)}`);
    }
  });

  it('shows each echo with the basis, similarity, rule and review of its asm:Echo', async () => {
    const page = main(await doc('/id/statement/w2-a-6'));
    const editors = text(byClass(page, 'editors')[0]!);
    expect(editors).toContain('the same need: "ASM needs technical and other assistance" / "No technical assistance"');
    expect(editors).toContain('text similarity 0.665');
    expect(editors).toContain('rule: rule of asm:echoes · passed: Domain review of release 0.2.1');
  });

  it('shows each asm:addresses link with its reading: basis, rule and the reviews that passed it, or that none did', async () => {
    const remedy = byClass(main(await doc('/id/statement/w1-c-government-2')), 'editors')[0]!;
    const link = (target: string) => findAll(remedy, (e) => e.tagName === 'li'
      && findAll(e, (a) => a.tagName === 'a').some((a) => attr(a, 'href') === `/id/statement/${target}`))[0]!;
    expect(text(link('w1-a-government-14'))).toContain('streamlined licensing vs unnecessary red tape in licensing or titling · rule: rule of asm:addresses · passed: Domain review of release 0.1.0');
    expect(findAll(link('w1-a-government-14'), (a) => a.tagName === 'a').map((a) => attr(a, 'href'))).toEqual(
      expect.arrayContaining(['/ontology#AddressesRule', '/id/review/0.1.0']));
    const kept = byClass(main(await doc('/id/statement/w1-c-government-5')), 'editors')[0]!;
    expect(text(kept)).toContain('"Lack of government supervision" · rule: rule of asm:addresses · passed no domain review');
    // A withdrawn link is no longer shown: st:w2-d-5 and st:w1-a-government-14 echo each other instead.
    const withdrawn = byClass(main(await doc('/id/statement/w2-d-5')), 'editors')[0]!;
    expect(text(withdrawn)).not.toContain('simplified licensing vs unnecessary red tape');
  });

  it('shows each implied actor with the words its reading quotes', async () => {
    const editors = text(byClass(main(await doc('/id/statement/fw-next-steps-3.3')), 'editors')[0]!);
    expect(editors).toContain('(the words: “Provisions for organization/representation of ASM groups/communities”) · rule: rule of asm:impliedActor · passed no domain review');
  });

  it('embeds its description as JSON-LD and offers every RDF format as an alternate', async () => {
    const { html } = await render('/id/statement/w2-a-1');
    const block = /<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(html)![1]!;
    const data = JSON.parse(block) as { '@graph': Array<Record<string, unknown>> };
    expect(data['@graph'].find((n) => n['@id'] === 'st:w2-a-1')!['asm:text']).toEqual([{ '@value': 'ASM can and should be legalised', '@language': 'en' }]);
    const alternates = [...html.matchAll(/<link rel="alternate" type="([^"]+)" href="([^"]+)">/g)].map((m) => [m[1], m[2]]);
    expect(alternates).toEqual([
      ['text/turtle', '/id/statement/w2-a-1.ttl'], ['application/n-triples', '/id/statement/w2-a-1.nt'],
      ['application/ld+json', '/id/statement/w2-a-1.jsonld'], ['application/rdf+xml', '/id/statement/w2-a-1.rdf'],
    ]);
  });
});

describe('stakeholder page', () => {
  it('lists what a group is told and asked, grouped by workshop and kind, its narrower actors counted under it', async () => {
    const { graph } = await loadPages();
    const store = graph.store;
    const group = `${BASE}id/stakeholder/government`;
    const narrower = [group];
    for (let i = 0; i < narrower.length; i++) narrower.push(...store.getSubjects(namedNode('http://www.w3.org/2004/02/skos/core#broader'), namedNode(narrower[i]!), null).map((t) => t.value));
    const isStatement = (iri: string) => store.countQuads(namedNode(iri), namedNode('http://www.w3.org/1999/02/22-rdf-syntax-ns#type'), namedNode(`${ASM}Statement`), null) > 0;
    // Sections are addressed to groups too; the page lists statements.
    const told = new Set(narrower.flatMap((s) => store.getSubjects(namedNode(`${ASM}addressedTo`), namedNode(s), null).map((t) => t.value)).filter(isStatement));
    const named = new Set(narrower.flatMap((s) => store.getSubjects(namedNode(`${ASM}actor`), namedNode(s), null).map((t) => t.value)));
    const page = main(await doc('/id/stakeholder/government'));
    const section = (id: string) => {
      const nodes = page.childNodes.filter((n): n is Element => 'tagName' in n);
      const start = nodes.findIndex((e) => attr(e, 'id') === id);
      const end = nodes.findIndex((e, i) => i > start && e.tagName === 'h2');
      return nodes.slice(start + 1, end).flatMap((e) => findAll(e, (li) => li.tagName === 'li' && hasClass(li, 'statement')))
        .map((li) => attr(findAll(li, (a) => a.tagName === 'a')[0]!, 'href'));
    };
    expect(new Set(section('told'))).toEqual(new Set([...told].map((iri) => `/${iri.slice(BASE.length)}`)));
    const asked = section('asked');
    for (const iri of named) expect(asked).toContain(`/${iri.slice(BASE.length)}`);
    expect(text(page)).toContain('Narrower actors');
    expect(findAll(page, (e) => e.tagName === 'h4').map(text)).toContain('Issues (15)');
  });
});

describe('theme page', () => {
  it('lists every statement on the theme and its SDG targets with their evidence', async () => {
    const { graph } = await loadPages();
    const theme = `${BASE}id/theme/child-labour`;
    const on = graph.store.getSubjects(namedNode(`${ASM}theme`), namedNode(theme), null).map((t) => `/${t.value.slice(BASE.length)}`);
    const page = main(await doc('/id/theme/child-labour'));
    const shown = findAll(page, (e) => e.tagName === 'li' && hasClass(e, 'statement')).map((li) => attr(findAll(li, (a) => a.tagName === 'a')[0]!, 'href'));
    expect(new Set(shown)).toEqual(new Set(on));
    expect(shown).toHaveLength(on.length);
    const sdg = findAll(page, (e) => e.tagName === 'a' && attr(e, 'href') === 'http://metadata.un.org/sdg/8.7');
    expect(sdg).toHaveLength(1);
    expect(text(sdg[0]!.parentNode as Element)).toMatch(/evidence: /);
  });
});

describe('/remedies', () => {
  let rows: Array<Record<string, string>>;
  let unanswered: Array<Record<string, string>>;
  beforeAll(async () => {
    rows = await catalogue('remedies-for-obstacles');
    unanswered = await catalogue('unanswered-obstacles');
  }, 60_000);

  it('shows, under each obstacle, exactly the proposals remedies-for-obstacles gives for it', async () => {
    const page = main(await doc('/remedies'));
    const obstacles = findAll(page, (e) => e.tagName === 'li' && hasClass(e, 'statement'));
    const shown = new Map(obstacles.map((li) => {
      const href = attr(findAll(li, (a) => a.tagName === 'a')[0]!, 'href')!;
      const proposals = findAll(li, (e) => e.tagName === 'li' && hasClass(e, 'proposal')).map((p) => attr(findAll(p, (a) => a.tagName === 'a')[0]!, 'href')!);
      return [href, proposals];
    }));
    const expected = new Map<string, string[]>();
    for (const row of rows) {
      const key = `/${row.obstacle!.slice(BASE.length)}`;
      const list = expected.get(key) ?? [];
      const remedy = `/${row.remedy!.slice(BASE.length)}`;
      if (!list.includes(remedy)) list.push(remedy);
      expected.set(key, list);
    }
    for (const [obstacle, proposals] of expected) expect(shown.get(obstacle), obstacle).toEqual(proposals);
    for (const [obstacle, proposals] of shown) if (!expected.has(obstacle)) expect(proposals, obstacle).toEqual([]);
  });

  it('gives each proposal the basis, rule and review status of its reading', async () => {
    const page = main(await doc('/remedies'));
    const obstacle = findAll(page, (e) => e.tagName === 'li' && hasClass(e, 'statement')
      && attr(findAll(e, (a) => a.tagName === 'a')[0]!, 'href') === '/id/statement/w2-b-2')[0]!;
    const proposal = findAll(obstacle, (e) => e.tagName === 'li' && hasClass(e, 'proposal')
      && attr(findAll(e, (a) => a.tagName === 'a')[0]!, 'href') === '/id/statement/w1-c-government-2')[0]!;
    expect(text(proposal)).toContain('why it addresses it: streamlined licensing vs burdensome bureaucratic requirements · rule: rule of asm:addresses · passed: Domain review of release 0.1.0');
  });

  it('lists the obstacles nothing addresses, as unanswered-obstacles does', async () => {
    const page = main(await doc('/remedies'));
    const nodes = page.childNodes.filter((n): n is Element => 'tagName' in n);
    const start = nodes.findIndex((e) => attr(e, 'id') === 'unaddressed');
    const list = nodes[start + 1]!;
    const listed = list.tagName === 'ul' ? findAll(list, (e) => e.tagName === 'li').map((li) => attr(findAll(li, (a) => a.tagName === 'a')[0]!, 'href')) : [];
    expect(listed).toEqual(unanswered.map((r) => `/${r.obstacle!.slice(BASE.length)}`));
  });
});

describe('lists', () => {
  it('pages the statements in document order, every statement once', async () => {
    const { pages } = await loadPages();
    const listPaths = pages.paths().filter((p) => p === '/id/statement/' || p.startsWith('/id/statement/page/'));
    expect(listPaths).toEqual(['/id/statement/', '/id/statement/page/2', '/id/statement/page/3', '/id/statement/page/4']);
    const hrefs: string[] = [];
    for (const path of listPaths) {
      const page = main(await doc(path));
      hrefs.push(...findAll(page, (e) => e.tagName === 'li').flatMap((li) => findAll(li, (a) => a.tagName === 'a').slice(0, 1)).map((a) => attr(a, 'href')!));
    }
    const { graph } = await loadPages();
    const statements = graph.store.getSubjects(namedNode('http://www.w3.org/1999/02/22-rdf-syntax-ns#type'), namedNode(`${ASM}Statement`), null);
    expect(hrefs).toHaveLength(statements.length);
    expect(new Set(hrefs).size).toBe(statements.length);
    expect(hrefs[0]).toBe('/id/statement/w1-a-government-1');
    expect(pages.render('/id/statement/page/5', new URLSearchParams(), LINKS)).toBeUndefined();
    expect(pages.render('/id/statement/page/1', new URLSearchParams(), LINKS)).toBeUndefined();
  });

  it('has a list for every IRI folder', async () => {
    const { pages } = await loadPages();
    for (const folder of ['workshop', 'section', 'stakeholder', 'theme', 'question', 'person', 'place']) {
      expect(pages.paths()).toContain(`/id/${folder}/`);
      expect(pages.render(`/id/${folder}/`, new URLSearchParams(), LINKS)?.status).toBe(200);
    }
  });
});

describe('/search', () => {
  const visible = (root: Element) => findAll(root, (e) => e.tagName === 'li' && attr(e, 'data-id') !== undefined && attr(e, 'hidden') === undefined);

  it('answers ?q= on the server: every statement shown says the word, and every statement that says it is shown', async () => {
    const page = main(await doc('/search', 'q=mercury&editorial=off'));
    const shown = visible(page);
    expect(shown.length).toBeGreaterThan(0);
    for (const li of shown) expect(text(li)).toMatch(/mercury/i);
    const { graph } = await loadPages();
    const saying = graph.store.getQuads(null, namedNode(`${ASM}text`), null, null).filter((q) => /mercury/i.test(q.object.value)).map((q) => `/${q.subject.value.slice(BASE.length)}`);
    expect(new Set(shown.map((li) => attr(li, 'data-id')))).toEqual(new Set(saying));
  });

  it('narrows by facets and says so when a facet value is unknown', async () => {
    const obstacles = visible(main(await doc('/search', 'kind=Obstacle&workshop=2')));
    expect(obstacles.map((li) => attr(li, 'data-id'))).toEqual(['/id/statement/w2-b-1', '/id/statement/w2-b-2', '/id/statement/w2-b-3', '/id/statement/w2-b-4', '/id/statement/w2-b-5', '/id/statement/w2-b-6', '/id/statement/w2-b-7', '/id/statement/w2-b-8', '/id/statement/w2-b-9']);
    const bad = await render('/search', 'kind=Lesson');
    expect(bad.status).toBe(400);
    expect(bad.html).toContain('unknown kind &quot;Lesson&quot;: one of Issue, Obstacle, Opportunity, SpecificStep');
  });

  it('finds statements by their themes only with editorial links on', async () => {
    const on = visible(main(await doc('/search', 'q=child+labour')));
    const off = visible(main(await doc('/search', 'q=child+labour&editorial=off')));
    expect(on.length).toBeGreaterThan(off.length);
  });
});

describe('/ontology', () => {
  it('documents each class with its super- and subclasses and what its shape requires, and each property with an example', async () => {
    const page = main(await doc('/ontology'));
    const toc = findAll(page, (e) => e.tagName === 'nav' && hasClass(e, 'toc'))[0]!;
    expect(findAll(toc, (e) => e.tagName === 'a').map((a) => attr(a, 'href'))).toContain('#Obstacle');
    const statement = findAll(page, (e) => attr(e, 'id') === 'Statement')[0]!;
    expect(definition(statement, 'Subclasses')).toBe('asm:Issue, asm:Obstacle, asm:Recommendation, asm:Remedy');
    expect(definition(findAll(page, (e) => attr(e, 'id') === 'Opportunity')[0]!, 'Subclass of')).toBe('asm:Remedy');
    expect(text(statement)).toContain('a statement has exactly one verbatim English text');
    const raisedIn = findAll(page, (e) => attr(e, 'id') === 'raisedIn')[0]!;
    expect(definition(raisedIn, 'Example')).toBe('st:w1-a-government-1 asm:raisedIn ws:1 (189 in all)');
    expect(definition(raisedIn, 'Domain')).toBe('asm:Statement');
    expect(definition(raisedIn, 'Range')).toBe('asm:Workshop');
    expect(text(findAll(page, (e) => attr(e, 'id') === 'theme')[0]!)).toContain('editorial');
    expect(findAll(page, (e) => e.tagName === 'svg')).toHaveLength(1);
  });

  it('gives each editorial rule its full text from the graph, the terms it governs, and links each term to its rule', async () => {
    const page = main(await doc('/ontology'));
    const { graph } = await loadPages();
    const rules = graph.store.getSubjects(namedNode('http://www.w3.org/1999/02/22-rdf-syntax-ns#type'), namedNode(`${ASM}EditorialRule`), null);
    expect(rules.map((r) => r.value)).toEqual(expect.arrayContaining([`${ASM}AddressesRule`, `${ASM}ImpliedActorRule`, `${ASM}EchoRule`]));
    for (const rule of rules) {
      const local = rule.value.slice(ASM.length);
      const section = findAll(page, (e) => attr(e, 'id') === local)[0]!;
      const comment = graph.store.getObjects(rule, namedNode('http://www.w3.org/2000/01/rdf-schema#comment'), null)[0]!.value;
      expect(text(section), local).toContain(comment);
    }
    expect(definition(findAll(page, (e) => attr(e, 'id') === 'AddressesRule')[0]!, 'Governs')).toBe('asm:addresses');
    expect(definition(findAll(page, (e) => attr(e, 'id') === 'addresses')[0]!, 'Rule')).toBe('asm:AddressesRule');
    expect(definition(findAll(page, (e) => attr(e, 'id') === 'echoes')[0]!, 'Rule')).toBe('asm:EchoRule');
  });
});

describe('links', () => {
  it('go through PageLinks.href on every page, and lead to a page, an asset or a route of the server', async () => {
    const { pages } = await loadPages();
    const prefixed = { href: (path: string) => `/prefix${path}` };
    const assets = new Set(pages.assets().map((a) => a.path));
    const paths = new Set(pages.paths());
    const resources = [...paths].filter((p) => !p.endsWith('/') && !p.includes('/page/'));
    const targets = new Set<string>();
    for (const path of [...paths, '/search?q=mercury']) {
      const [p, q] = path.split('?');
      const html = pages.render(p!, new URLSearchParams(q ?? ''), prefixed)!.html;
      for (const m of html.matchAll(/\s(?:href|src|action)="([^"]*)"/g)) {
        const url = m[1]!.replace(/&amp;/g, '&');
        if (url.startsWith('#') || /^https?:\/\//.test(url)) continue;
        expect(url, `${path}: ${url}`).toMatch(/^\/prefix\//);
        targets.add(url.slice('/prefix'.length).replace(/[?#].*$/, ''));
      }
    }
    const rdf = /\.(ttl|nt|jsonld|rdf)$/;
    // The History's links: a memento or a TimeMap (serve/routes/memento.ts) of a release that describes the resource.
    const archive = ReleaseArchive.forRelease(readRelease(ROOT), join(ROOT, 'dist'), BASE);
    const isMemento = (target: string) => {
      const memento = parseMementoPath(target.slice(1));
      const timeMapOf = parseTimeMapPath(target.slice(1));
      return (memento !== undefined && archive.describe(memento.version, `${BASE}${memento.path}`) !== undefined)
        || (timeMapOf !== undefined && archive.mementos(`${BASE}${timeMapOf}`).length > 0);
    };
    for (const target of targets) {
      const ok = paths.has(target) || assets.has(target) || target === '/sparql' || target.startsWith('/dist/') || isMemento(target)
        || (rdf.test(target) && (resources.includes(target.replace(rdf, '')) || target.replace(rdf, '') === '/ontology'))
        || pages.render(target, new URLSearchParams(), LINKS) !== undefined;
      expect(ok, target).toBe(true);
    }
    expect(targets.size).toBeGreaterThan(300);
  }, 60_000);
});

describe('errorPage', () => {
  it('is an HTML page with the navigation and the message, escaped', async () => {
    const { pages } = await loadPages();
    const html = pages.errorPage(404, 'nothing is known about /id/<x>', LINKS);
    const root = parseStrict(html).document as unknown as Element;
    expect(text(findAll(root, (e) => e.tagName === 'h1')[0]!)).toBe('404 Not found');
    expect(text(byClass(root, 'error-message')[0]!)).toBe('nothing is known about /id/<x>');
    expect(findAll(root, (e) => e.tagName === 'nav').length).toBeGreaterThan(0);
  });
});
