/**
 * List pages for every IRI folder (/id/statement/, /id/workshop/, /graph/, …): its members with their
 * labels, in document order for statements and sections, by label otherwise, paged where long
 * (/id/statement/ is page 1, /id/statement/page/2 the next), so that a static copy has a file per page.
 */
import { KIND_LABELS } from './graph.js';
import { escapeHtml, link, type Crumb } from '../layout.js';
import { badges, resourceLink, type Ctx } from './statement-item.js';
import type { Rendered } from './workshop.js';

export interface Folder { path: string; label: string; members: string[] }

export const PAGE_SIZE = 60;

const LABELS: Record<string, string> = {
  statement: 'Statements', workshop: 'Workshops', section: 'Sections', stakeholder: 'Stakeholders', theme: 'Themes',
  question: 'Questions', person: 'People', place: 'Places', organisation: 'Organisations', law: 'Laws',
  instrument: 'Instruments', echo: 'Echoes', scheme: 'Concept schemes', event: 'Events', source: 'Sources', agent: 'Agents', graph: 'Named graphs',
};

/** The folder of one of our IRIs: /id/<kind>/ or /graph/; undefined for the ontology, the dataset and the like. */
export function folderOf(base: string, iri: string): { path: string; label: string } | undefined {
  const rest = iri.slice(base.length);
  const id = /^id\/([^/]+)\/[^/]+$/.exec(rest);
  if (id) return { path: `/id/${id[1]}/`, label: LABELS[id[1]!] ?? id[1]! };
  if (/^graph\/[^/]+$/.test(rest)) return { path: '/graph/', label: LABELS.graph! };
  return undefined;
}

export function listPaths(folders: Folder[]): string[] {
  return folders.flatMap((f) => [f.path, ...Array.from({ length: Math.max(0, Math.ceil(f.members.length / PAGE_SIZE) - 1) }, (_, i) => `${f.path}page/${i + 2}`)]).sort();
}

export function listPage(ctx: Ctx, folders: Map<string, Folder>, path: string): Rendered | undefined {
  const paged = /^(.*\/)page\/(\d+)$/.exec(path);
  const folder = folders.get(paged ? paged[1]! : path);
  if (folder === undefined) return undefined;
  const pages = Math.max(1, Math.ceil(folder.members.length / PAGE_SIZE));
  const number = paged ? Number(paged[2]) : 1;
  if (!Number.isInteger(number) || number < 2 && paged || number > pages) return undefined;
  const { g, links } = ctx;
  const members = folder.members.slice((number - 1) * PAGE_SIZE, number * PAGE_SIZE);
  const pagePath = (n: number) => (n === 1 ? folder.path : `${folder.path}page/${n}`);
  const items = members.map((iri) => {
    if (g.isA(iri, g.a('Statement'))) {
      const kind = g.kind(iri);
      return `<li>${badges(g, iri)}${resourceLink(ctx, iri)} <small>(${escapeHtml(g.label(g.workshopOf(iri) ?? ''))}${kind ? `, ${KIND_LABELS[kind]}` : ''})</small></li>`;
    }
    const definition = g.literal(iri, 'http://www.w3.org/2004/02/skos/core#definition');
    return `<li>${resourceLink(ctx, iri)}${definition ? `<br><small>${escapeHtml(definition)}</small>` : ''}</li>`;
  });
  const pager = pages === 1 ? '' : `<nav class="pager" aria-label="Pages">${Array.from({ length: pages }, (_, i) => i + 1)
    .map((n) => (n === number ? `<span aria-current="page">page ${n}</span>` : link(links, pagePath(n), `page ${n}`))).join('')}</nav>`;
  const title = pages === 1 ? folder.label : `${folder.label}, page ${number} of ${pages}`;
  const crumbs: Crumb[] = number === 1 ? [{ label: folder.label }] : [{ label: folder.label, path: folder.path }, { label: `page ${number}` }];
  const ordered = folder.path === '/id/statement/' || folder.path === '/id/section/' ? 'in document order' : 'by name';
  const main = `<h1>${escapeHtml(title)}</h1>
<p>${folder.members.length} in all, ${ordered}${pages > 1 ? `; ${members.length} on this page (${(number - 1) * PAGE_SIZE + 1}–${(number - 1) * PAGE_SIZE + members.length})` : ''}.</p>
${pager}
<ul>
${items.join('\n')}
</ul>
${pager}`;
  return { title, crumbs, main };
}
