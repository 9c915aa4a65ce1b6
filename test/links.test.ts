/**
 * Links to other datasets carry their evidence: in data/links/, every external identifier is preceded by a
 * comment block that says "evidence:" and names the identifier, and the VoID linksets count the links.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Parser, Store } from 'n3';
import { readDump, ROOT, DIST } from './support/project.js';

const LINKS = join(ROOT, 'data/links');
const EXTERNAL = /\b(wd:Q\d+|euc:[A-Z]{3}|sdg:\d+\.\d+)\b/g;

/** The comment lines right above line `index`, up to the previous line that ends a statement or predicate. */
function commentBlockAbove(lines: string[], index: number): string {
  const block: string[] = [];
  for (let i = index - 1; i >= 0; i--) {
    const line = lines[i]!.trim();
    if (line.startsWith('#')) { block.push(line); continue; }
    if (line === '' && block.length === 0) continue;
    if (/[;.,]$/.test(line) || line === '') break;
  }
  return block.join('\n');
}

describe('data/links', () => {
  const files = readdirSync(LINKS).filter((name) => name.endsWith('.ttl'));

  it.each(files)('%s: every external identifier has its evidence right above it', (name) => {
    const lines = readFileSync(join(LINKS, name), 'utf8').split('\n');
    let links = 0;
    lines.forEach((line, index) => {
      if (line.trim().startsWith('#')) return;
      for (const [token] of line.matchAll(EXTERNAL)) {
        links++;
        const block = commentBlockAbove(lines, index);
        const local = token.slice(token.indexOf(':') + 1);
        expect(block, `${name}:${index + 1} ${token}`).toContain('evidence:');
        const named = token.startsWith('sdg:') ? block.includes(`Target ${local}`) || readFileSync(join(LINKS, name), 'utf8').includes(`"Target ${local} ...`) : block.includes(local);
        expect(named, `${name}:${index + 1}: the evidence above ${token} does not name ${local}`).toBe(true);
      }
    });
    expect(links).toBeGreaterThan(0);
  });

  it('uses owl:sameAs only between resources (never from a theme concept)', () => {
    const store = new Store(readDump('asm-kg.nq'));
    for (const q of store.getQuads(null, 'http://www.w3.org/2002/07/owl#sameAs', null, null)) {
      expect(q.subject.value).toMatch(/\/id\/(place|organisation|law|instrument)\//);
    }
  });

  it('is counted in the VoID linksets', () => {
    const links = new Store(readDump('asm-kg.nq')).getQuads(null, null, null, 'https://w3id.org/asm-kg/graph/links');
    const voidStore = new Store(new Parser().parse(readFileSync(join(DIST, 'void.ttl'), 'utf8')));
    const VOID = 'http://rdfs.org/ns/void#';
    const linksets = voidStore.getSubjects('http://www.w3.org/1999/02/22-rdf-syntax-ns#type', `${VOID}Linkset`, null);
    expect(linksets.length).toBe(3);
    for (const linkset of linksets) {
      const predicate = voidStore.getObjects(linkset, `${VOID}linkPredicate`, null)[0]!.value;
      const target = voidStore.getObjects(linkset, `${VOID}objectsTarget`, null)[0]!;
      const space = voidStore.getObjects(target, `${VOID}uriSpace`, null)[0]!.value;
      const count = links.filter((q) => q.predicate.value === predicate && q.object.value.startsWith(space)).length;
      expect(Number(voidStore.getObjects(linkset, `${VOID}triples`, null)[0]!.value), linkset.value).toBe(count);
      expect(count).toBeGreaterThan(0);
    }
  });
});
