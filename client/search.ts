/**
 * The search page's script (served as /assets/search.js, an ES module; client/build.mjs bundles it): it
 * loads MiniSearch and the index built on the server (both beside it in /assets/), and filters the
 * statements already in the page as the reader types, with the server's options, so answers do not change
 * when the script runs. The page answers without it: the form submits to /search, which the server answers.
 */
// Not bundled: /assets/minisearch.js, MiniSearch's own ES module build, beside this script (build.mjs).
import MiniSearch, { type Options, type SearchResult } from 'minisearch';

/** A statement's facets as render/pages/search-index.ts writes them into search-index.json. */
interface SearchDoc {
  id: string;
  workshop: string;
  kind: string;
  groups: string[];
  groupsEditorial: string[];
  themes: string[];
}

interface IndexFile { options: Options<SearchDoc>; index: unknown; docs: SearchDoc[] }

const form = document.querySelector<HTMLFormElement>('form[data-live-search]');
const list = document.getElementById('results');
const count = document.getElementById('result-count');
if (form && list && count) {
  const response = await fetch(new URL('./search-index.json', import.meta.url));
  const data = await response.json() as IndexFile;
  const mini = MiniSearch.loadJSON<SearchDoc>(JSON.stringify(data.index), data.options);
  const docs = new Map(data.docs.map((d) => [d.id, d]));
  const items = new Map([...list.querySelectorAll<HTMLLIElement>('li[data-id]')].map((li) => [li.dataset['id']!, li]));
  const order = data.docs.map((d) => d.id);

  // A static copy of the page has no query string applied: take it from the address.
  const params = new URLSearchParams(location.search);
  for (const [name, value] of params) {
    const field = form.elements.namedItem(name);
    if (field && 'value' in field) field.value = value;
  }

  const run = () => {
    const values = new FormData(form);
    const get = (name: string) => { const v = String(values.get(name) ?? '').trim(); return v === '' ? undefined : v; };
    const q = get('q') ?? '';
    const editorial = get('editorial') !== 'off';
    const facets = { workshop: get('workshop'), kind: get('kind'), group: get('group'), theme: get('theme') };
    const keep = (d: SearchDoc | undefined) => d !== undefined && (!facets.workshop || d.workshop === facets.workshop) && (!facets.kind || d.kind === facets.kind)
      && (!facets.group || (editorial ? d.groupsEditorial : d.groups).includes(facets.group))
      && (!facets.theme || !editorial || d.themes.includes(facets.theme));
    const ids = q === '' ? order.filter((id) => keep(docs.get(id)))
      : mini.search(q, { fields: editorial ? ['text', 'editorial'] : ['text'] }).map((r: SearchResult) => String(r.id)).filter((id) => keep(docs.get(id)));
    for (const li of items.values()) li.hidden = true;
    for (const id of ids) { const li = items.get(id); if (li) { li.hidden = false; list.append(li); } }
    count.textContent = ids.length + ' statement' + (ids.length === 1 ? '' : 's') + (q === '' ? '' : ' match' + (ids.length === 1 ? 'es' : '') + ' \u201c' + q + '\u201d');
    const shown = new URLSearchParams();
    for (const [name, value] of values) if (String(value).trim() !== '' && !(name === 'editorial' && value === 'on')) shown.set(name, String(value));
    const query = shown.toString();
    history.replaceState(null, '', query === '' ? location.pathname : '?' + query);
  };
  form.addEventListener('input', run);
  form.addEventListener('submit', (event) => { event.preventDefault(); run(); });
  run();
}
