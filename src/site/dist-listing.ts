/**
 * The listing pages of dist/ on the static site (a static host lists no folders): each file with its
 * media type and size, as serve's /dist/ listing gives them.
 */
import { escapeHtml } from '../render/html.js';
import { fileMediaType } from '../core/formats.js';
import { frame, scrollBox, type PageLinks } from '../render/layout.js';

export interface ListedEntry { name: string; folder: boolean; bytes: number }

export function distListing(folderPath: string, entries: ListedEntry[], links: PageLinks): string {
  const rows = entries.map((e) => {
    const target = `${folderPath}${e.name}${e.folder ? '/' : ''}`;
    return `<tr><td><a href="${escapeHtml(links.href(target))}">${escapeHtml(e.name)}${e.folder ? '/' : ''}</a></td><td>${e.folder ? '' : escapeHtml(fileMediaType(e.name))}</td><td>${e.folder ? '' : `${e.bytes} bytes`}</td></tr>`;
  });
  return frame({
    title: `Files in ${folderPath}`,
    links,
    crumbs: folderPath === '/dist/' ? [{ label: 'Downloads' }] : [{ label: 'Downloads', path: '/dist/' }, { label: folderPath }],
    main: `<h1>Files in <code>${escapeHtml(folderPath)}</code></h1>
${scrollBox(`<table><thead><tr><th>file</th><th>media type</th><th>size</th></tr></thead>\n<tbody>\n${rows.join('\n')}\n</tbody></table>`, 'Files')}`,
  });
}
