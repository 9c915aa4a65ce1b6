/**
 * rdflib 2.4's line layout of RDF/XML (statementsToXML's XMLtreeToString), ported as it is: the published
 * RDF/XML dumps were laid out by it, and a build must not change their bytes. A document is a tree of
 * strings (one tag or element each) and nested lists (one level deeper); a list short enough goes on one line.
 */

export type Tree = Array<string | Tree>;

const INDENT = 4;
export const WIDTH = 80;

const spaces = (n: number): string => (n > 0 ? ' '.repeat(n) : '');

export function treeToLine(tree: Tree): string {
  let text = '';
  for (const branch of tree) text += typeof branch === 'string' ? branch : treeToLine(branch);
  return text;
}

/**
 * One branch of a tree at `level`, as rdflib's XMLtreeToString lays it out inside its loop: the text it
 * adds and the `lastLength` after it. (A continuation onto the previous line needs a previous line shorter
 * than level × 4 + 4, which no element line at level 0 is.)
 */
export function layoutBranch(branch: Tree, level: number, lastLength: number): [string, number] {
  let substr = treeToString(branch, level + 1);
  let asString: string | undefined;
  if (substr.length < 10 * (WIDTH - INDENT * level) && !substr.includes('"""')) {
    const line = treeToLine(branch);
    if (line.length < WIDTH - INDENT * level) { asString = `   ${line}`; substr = ''; }
  }
  if (asString === undefined) return [substr, 10000];
  if (lastLength < INDENT * level + 4) throw new Error('RDF/XML: a line continuation that rdflib would make');
  const line = spaces(INDENT * level) + asString;
  return [`${line}\n`, line.length];
}

/** rdflib 2.4's XMLtreeToString, as it is. */
export function treeToString(tree: Tree, level = 0): string {
  let str = '';
  let lastLength = 100000;
  for (let branch of tree) {
    if (typeof branch !== 'string') {
      let substr = treeToString(branch, level + 1);
      if (substr.length < 10 * (WIDTH - INDENT * level) && !substr.includes('"""')) {
        const line = treeToLine(branch);
        if (line.length < WIDTH - INDENT * level) { branch = `   ${line}`; substr = ''; }
      }
      if (substr) lastLength = 10000;
      str += substr;
    }
    if (typeof branch === 'string') {
      if (lastLength < INDENT * level + 4) {
        str = `${str.slice(0, -1)} ${branch}\n`;
        lastLength += branch.length + 1;
      } else {
        const line = spaces(INDENT * level) + branch;
        str += `${line}\n`;
        lastLength = line.length;
      }
    }
  }
  return str;
}

/** The length of body held back before streaming: past it, rdflib's document-level compaction cannot apply. */
export const COMPACT_LIMIT = 10 * (WIDTH + INDENT);
