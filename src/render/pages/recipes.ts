/**
 * The recipes page (/recipes): the programs of docs/recipes/ that take the graph into Python and R, each with
 * what it shows, the program and the page that explains it, served beside it as plain files
 * (/recipes/<file>). Read from the folder, so that the page lists what the tests run (test/recipes.test.ts).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { escapeHtml, link, type PageLinks } from '../layout.js';
import { markdownText } from '../markdown.js';
import type { Rendered } from './workshop.js';

export const RECIPES_FOLDER = 'docs/recipes';
export const RECIPES_PATH = '/recipes';

export interface Recipe {
  /** The explanation's title, its first paragraph as plain text, and the file names. */
  title: string;
  summary: string;
  program: string;
  page: string;
}


/** Every recipe of the folder (a program with a page of the same name), by title; none when there is no folder. */
export function readRecipes(root: string): Recipe[] {
  const folder = join(root, RECIPES_FOLDER);
  if (!existsSync(folder)) return [];
  const names = readdirSync(folder);
  return names.filter((name) => /\.(py|R)$/.test(name)).flatMap((program) => {
    const page = program.replace(/\.(py|R)$/, '.md');
    if (!names.includes(page)) return [];
    const [heading, ...paragraphs] = readFileSync(join(folder, page), 'utf8').split(/\n\s*\n/);
    return [{ title: heading!.replace(/^#\s*/, '').trim(), summary: markdownText(paragraphs[0] ?? ''), program, page }];
  }).sort((a, b) => a.title.localeCompare(b.title));
}

/** The files /recipes/<file> serves: each program and its explanation, as plain text. */
export function recipeFiles(root: string, recipes: Recipe[]): Array<{ path: string; mediaType: string; body: string }> {
  return recipes.flatMap((r) => [r.program, r.page]).map((name) => ({
    path: `${RECIPES_PATH}/${name}`,
    mediaType: name.endsWith('.md') ? 'text/markdown' : 'text/plain',
    body: readFileSync(join(root, RECIPES_FOLDER, name), 'utf8'),
  }));
}

export function recipesPage(links: PageLinks, recipes: Recipe[]): Rendered {
  const items = recipes.map((r) => `<h2>${escapeHtml(r.title)}</h2>
<p>${escapeHtml(r.summary)}</p>
<p>${link(links, `${RECIPES_PATH}/${r.program}`, r.program)} (the program) · ${link(links, `${RECIPES_PATH}/${r.page}`, r.page)} (how it works, how to run it)</p>`).join('\n');
  const main = `<h1>Recipes: the data from Python and R</h1>
<p>Short programs that take the knowledge graph into the tools researchers already use: pandas and rdflib in Python, httr, jsonlite and read.csv in R. Each runs as it is, against the ${link(links, '/sparql', 'SPARQL endpoint')} or a file of the ${link(links, '/dist/', 'downloads')}, and the project's tests run every one of them and check what it prints.</p>
<p>They need Python 3 with pandas, SPARQLWrapper and rdflib (<code>pip install pandas sparqlwrapper rdflib</code>), or R with httr and jsonlite (<code>install.packages(c("httr", "jsonlite"))</code>).</p>
${items}`;
  return { title: 'Recipes: the data from Python and R', crumbs: [{ label: 'Recipes' }], main, description: 'Python and R programs that read the ASM knowledge graph into pandas and R data frames.' };
}
