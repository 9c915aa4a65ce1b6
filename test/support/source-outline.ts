/**
 * An independent reading of the source document's layout, used by the tests to check the
 * hand-curated data against the text itself. It knows the page's conventions (workshop
 * banners, lettered or capitalised section headings, "For X -" group headings, numbered
 * points, "•" bullets and "-" dash items) and nothing about our ontology.
 */
import { readFileSync } from 'node:fs';

export type WorkshopKey = 'w1' | 'w2' | 'w3' | 'fw';

export interface OutlineItem {
  /** 0-based order among the items of the whole document. */
  index: number;
  workshop: WorkshopKey;
  /** Verbatim (white space folded) top-level section heading the item sits under. */
  section: string;
  /** Verbatim group heading ("For government -") inside the section, if any. */
  group: string | undefined;
  /** The list marker as printed: "1.", "•", "-" or "• -". */
  marker: string;
  /** The item's text without its marker, white space folded. */
  text: string;
  /** Index of the item this one is nested under (bullet under a numbered point, dash under a bullet). */
  parent: number | undefined;
}

export interface Outline {
  items: OutlineItem[];
  facilitators: Partial<Record<WorkshopKey, string>>;
  overallFacilitator: string | undefined;
}

/** Folds every run of white space (no-break spaces included) into one space and trims. */
export const fold = (text: string): string => text.replace(/\s+/gu, ' ').trim();

const WORKSHOP_BANNER = /^WORKSHOP (\d)$/;
const FACILITATORS_BANNER = /^Result of the Facilitators' workshop/;
const LETTERED_HEADING = /^[A-D]\.\s/;
const GROUP_HEADING = /^For (government|small-scale miners|rest of industry|rest of society) -$/;
const CAPITALISED_HEADING = /^[A-Z][A-Z /]+$/;
const NUMBERED = /^(\d+)\.\s+(.*)$/;
const BULLET = /^•\s*(.*)$/;
const DASH = /^-\s+(.*)$/;

export function readOutline(path: string): Outline {
  const lines = readFileSync(path, 'utf8').split('\n').map(fold);
  const items: OutlineItem[] = [];
  const facilitators: Partial<Record<WorkshopKey, string>> = {};
  let overallFacilitator: string | undefined;
  let workshop: WorkshopKey | undefined;
  let section = '';
  let group: string | undefined;
  let lastNumbered: number | undefined;
  let lastBullet: number | undefined;
  let headingOpen = false; // a lettered heading may run over several lines until a blank one

  const push = (marker: string, text: string, parent: number | undefined): number => {
    items.push({ index: items.length, workshop: workshop!, section, group, marker, text, parent });
    return items.length - 1;
  };

  for (const line of lines) {
    if (line === '') { headingOpen = false; continue; }
    const overall = /^Overall Workshops Facilitator: (.*)$/.exec(line);
    if (overall) { overallFacilitator = overall[1]; continue; }
    const banner = WORKSHOP_BANNER.exec(line);
    if (banner) { workshop = `w${banner[1]}` as WorkshopKey; section = ''; continue; }
    if (FACILITATORS_BANNER.test(line)) { workshop = 'fw'; section = ''; continue; }
    if (!workshop || line.startsWith('back to top')) { if (line.startsWith('back to top')) workshop = undefined; continue; }
    const facilitator = /^Facilitator: (.*)$/.exec(line);
    if (facilitator) { facilitators[workshop] = facilitator[1]; continue; }

    if (headingOpen) { section = `${section} ${line}`; continue; }
    if (LETTERED_HEADING.test(line) || (CAPITALISED_HEADING.test(line) && !BULLET.test(line))) {
      section = line; group = undefined; lastNumbered = undefined; lastBullet = undefined;
      // Workshop 1 prints its questions over several lines; a question ends with "?".
      headingOpen = /^[A-D]\.\s+What\b/.test(line) && !line.endsWith('?');
      continue;
    }
    if (GROUP_HEADING.test(line)) { group = line; lastNumbered = undefined; lastBullet = undefined; continue; }

    const numbered = NUMBERED.exec(line);
    if (numbered) { lastNumbered = push(`${numbered[1]}.`, numbered[2]!, undefined); lastBullet = undefined; continue; }
    const bullet = BULLET.exec(line);
    if (bullet) {
      const inner = DASH.exec(bullet[1]!);
      lastBullet = push(inner ? '• -' : '•', inner ? inner[1]! : bullet[1]!, lastNumbered);
      continue;
    }
    const dash = DASH.exec(line);
    if (dash) { push('-', dash[1]!, lastBullet ?? lastNumbered); continue; }
    throw new Error(`source-outline: unrecognised line in ${workshop}: ${line}`);
  }
  return { items, facilitators, overallFacilitator };
}
