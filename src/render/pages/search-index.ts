/**
 * The search index over the statements, built once from the graph with MiniSearch: the verbatim text,
 * and (editorial) the labels of the statement's themes. Each document carries its facets: workshop,
 * kind, stakeholder groups (from the source: addressed to, named actors; with the editors' implied
 * actors too) and themes. The server answers /search with it; the same index, as JSON, is what the
 * page's script searches in the browser, with the same options, so both give the same answers.
 */
import MiniSearch from 'minisearch';
import { localName, type Graph } from './graph.js';

export interface SearchDoc {
  /** The statement's page path, e.g. /id/statement/w2-a-1. */
  id: string;
  text: string;
  /** Editorial: its themes' labels. */
  editorial: string;
  workshop: string;
  kind: string;
  /** Stakeholder groups from the source's words (heading, named actors). */
  groups: string[];
  /** The same with the editors' implied actors. */
  groupsEditorial: string[];
  themes: string[];
}

export const SEARCH_OPTIONS = {
  fields: ['text', 'editorial'],
  storeFields: [] as string[],
  searchOptions: { prefix: true, fuzzy: 0.2, combineWith: 'AND' as const },
};

export interface Facets { q: string; workshop?: string; kind?: string; group?: string; theme?: string; editorial: boolean }

export class SearchIndex {
  readonly docs: SearchDoc[];
  private readonly byId: Map<string, SearchDoc>;
  private readonly mini: MiniSearch<SearchDoc>;

  constructor(private readonly g: Graph) {
    const groupsOf = (actors: string[]) => [...new Set(actors.flatMap((a) => g.groupsOf(a)))].map(localName).sort();
    this.docs = g.statements().map((s) => {
      const named = [...g.iris(s, g.a('addressedTo')), ...g.iris(s, g.a('actor'))];
      const implied = g.iris(s, g.a('impliedActor'));
      const themes = g.themesOf(s);
      return {
        id: `/${s.slice(g.base.length)}`,
        text: g.literal(s, g.a('text')) ?? '',
        editorial: themes.map((t) => g.label(t)).join('; '),
        workshop: localName(g.workshopOf(s) ?? ''),
        kind: g.kind(s) ?? '',
        groups: groupsOf(named),
        groupsEditorial: groupsOf([...named, ...implied]),
        themes: themes.map(localName),
      };
    });
    this.byId = new Map(this.docs.map((d) => [d.id, d]));
    this.mini = new MiniSearch<SearchDoc>(SEARCH_OPTIONS);
    this.mini.addAll(this.docs);
  }

  /** The statements that match, best first (document order without a query). */
  search(facets: Facets): SearchDoc[] {
    const keep = (d: SearchDoc) => (facets.workshop === undefined || d.workshop === facets.workshop)
      && (facets.kind === undefined || d.kind === facets.kind)
      && (facets.group === undefined || (facets.editorial ? d.groupsEditorial : d.groups).includes(facets.group))
      && (facets.theme === undefined || !facets.editorial || d.themes.includes(facets.theme));
    if (facets.q.trim() === '') return this.docs.filter(keep);
    return this.mini.search(facets.q, { fields: facets.editorial ? ['text', 'editorial'] : ['text'] })
      .map((r) => this.byId.get(r.id as string)!).filter(keep);
  }

  /** The index and the documents' facets, for the browser. */
  json(): string {
    return JSON.stringify({ options: SEARCH_OPTIONS, index: this.mini.toJSON(), docs: this.docs.map(({ text: _t, editorial: _e, ...facets }) => facets) });
  }

  get graph(): Graph {
    return this.g;
  }
}
