/**
 * The obstacle → remedy map: every obstacle of every workshop in document order, with the opportunities
 * and specific steps of any workshop that address it (editorial links, each with its basis) and who
 * should act on each remedy (named in its words, or implied). Obstacles that nothing addresses are
 * listed on their own, explicitly. The same rows as queries/remedies-for-obstacles.rq.
 */
import { EDITORIAL, escapeHtml } from '../layout.js';
import { basisHtml } from './statement.js';
import { badges, pathOf, resourceLink, verbatimHtml, type Ctx } from './statement-item.js';
import type { Rendered } from './workshop.js';

export function remediesPage(ctx: Ctx): Rendered {
  const { g } = ctx;
  const obstacles = g.byPosition(g.instances(g.a('Obstacle')));
  // What addresses an obstacle: remedies (opportunities, specific steps) and, since 0.2.0, recommendations of any kind.
  const remediesOf = (obstacle: string) => g.byPosition(g.subjects(g.a('addresses'), obstacle));
  const unaddressed = obstacles.filter((o) => remediesOf(o).length === 0);
  const item = (statement: string) => `${badges(g, statement)}<a href="${escapeHtml(ctx.links.href(pathOf(g, statement)!))}">${verbatimHtml(g, statement)}</a>`;
  const blocks: string[] = [];
  for (const workshop of g.workshops()) {
    const here = obstacles.filter((o) => g.workshopOf(o) === workshop);
    if (here.length === 0) continue;
    blocks.push(`<h2 id="w-${escapeHtml(workshop.replace(/^.*\//, ''))}">Obstacles of ${resourceLink(ctx, workshop)} <small>(${here.length})</small></h2>`);
    blocks.push('<ol class="report">');
    for (const obstacle of here) {
      const remedies = remediesOf(obstacle);
      const rows = remedies.map((remedy) => {
        const addresses = g.quads(remedy, g.a('addresses'), obstacle)[0]!;
        const named = g.iris(remedy, g.a('actor')).map((a) => resourceLink(ctx, a));
        const implied = g.iris(remedy, g.a('impliedActor')).map((a) => `${resourceLink(ctx, a)} ${EDITORIAL}`);
        const who = [...named, ...implied];
        return `<li class="proposal">${item(remedy)} <small>(${escapeHtml(g.label(g.workshopOf(remedy) ?? ''))})</small><br><span class="facts">who should act: ${who.length === 0 ? 'no one named or implied' : who.join(', ')}</span>${basisHtml(ctx, addresses, 'why it addresses it')}</li>`;
      });
      blocks.push(`<li class="statement">${item(obstacle)}
${remedies.length === 0 ? '<p class="facts"><strong>Nothing addresses this obstacle.</strong></p>' : `<p class="facts">addressed by ${remedies.length} proposal${remedies.length === 1 ? '' : 's'} ${EDITORIAL}:</p>\n<ul>${rows.join('\n')}</ul>`}</li>`);
    }
    blocks.push('</ol>');
  }
  const main = `<h1>What was proposed against each obstacle, and by whom</h1>
<p>${obstacles.length} obstacles; ${obstacles.length - unaddressed.length} are addressed by at least one proposal of some workshop (an opportunity or specific step, or a lesson that prescribes action, marked <span class="badge recommendation">recommendation</span>), ${unaddressed.length === 0 ? 'none by nothing' : `${unaddressed.length} by nothing`}. Which proposal answers which obstacle is the editors' reading ${EDITORIAL} (the source lists them separately); who should act is named in the proposal's own words, or implied ${EDITORIAL}. The same rows as the catalogue query <code>remedies-for-obstacles</code>.</p>
<h2 id="unaddressed">Obstacles nothing addresses <small>(${unaddressed.length})</small></h2>
${unaddressed.length === 0 ? '<p>None: every obstacle is addressed by at least one proposal.</p>' : `<ul>${unaddressed.map((o) => `<li>${item(o)} <small>(${escapeHtml(g.label(g.workshopOf(o) ?? ''))})</small></li>`).join('\n')}</ul>`}
${blocks.join('\n')}`;
  return { title: 'Obstacles and remedies', crumbs: [{ label: 'Remedies' }], main, description: 'Every obstacle raised at the ASM workshops, with the remedies that address it and who should act.' };
}
