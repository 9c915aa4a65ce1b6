/**
 * The basis of each editorial link, as the editors wrote it: in data/editorial/*.ttl,
 * data/statements/named-actors.ttl and data/links/*.ttl every link carries a comment right after it
 * (or a comment line right above it) that says why, and each file opens with the method it followed.
 * The graph itself holds no such comments, so the pages read them from the source files: one triple
 * per line, `subject predicate object[, object] . # basis`, with the file's @prefix declarations.
 * A basis recorded in the graph (asm:basis on the link's subject, if the data adds one) is read too.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

export interface Basis {
  /** What the editors wrote beside the link. */
  text: string;
  /** The file it is in, relative to the project, and its line (1-based). */
  file: string;
  line: number;
}

export interface Method {
  file: string;
  /** The file's opening comment, folded. */
  text: string;
}

export class Bases {
  private readonly byTriple = new Map<string, Basis>();
  /** predicate IRI → the files (and their methods) that assert it. */
  private readonly methods = new Map<string, Method[]>();

  constructor(root: string) {
    const folders = ['data/editorial', 'data/links', 'data/statements'];
    for (const folder of folders) {
      const dir = join(root, folder);
      if (!existsSync(dir)) continue;
      for (const name of readdirSync(dir).filter((n) => n.endsWith('.ttl')).sort()) {
        // Of the source statements, only the named actors carry a basis per link (the words that name them).
        if (folder === 'data/statements' && name !== 'named-actors.ttl') continue;
        this.read(join(dir, name), relative(root, join(dir, name)));
      }
    }
  }

  get(subject: string, predicate: string, object: string): Basis | undefined {
    return this.byTriple.get(`${subject} ${predicate} ${object}`);
  }

  methodsOf(predicate: string): Method[] {
    return this.methods.get(predicate) ?? [];
  }

  get size(): number {
    return this.byTriple.size;
  }

  private read(path: string, file: string): void {
    const lines = readFileSync(path, 'utf8').split('\n');
    const prefixes = new Map<string, string>();
    const header: string[] = [];
    let inHeader = true;
    let above: string[] = [];
    lines.forEach((raw, index) => {
      const line = raw.trim();
      const prefix = /^@prefix\s+([\w-]*):\s*<([^>]*)>\s*\.$/.exec(line);
      if (prefix) { prefixes.set(prefix[1]!, prefix[2]!); inHeader = false; return; }
      if (line.startsWith('#')) {
        const text = line.replace(/^#+\s?/, '');
        if (inHeader) header.push(text);
        // Divider lines ("# --- Workshop 1 ---") head a block; other comment lines explain the next triple.
        else if (!/^-{2,}/.test(text) && text !== '') above.push(text);
        else above = [];
        return;
      }
      if (line === '') { above = []; inHeader = false; return; }
      inHeader = false;
      const triple = /^(\S+)\s+(\S+)\s+(.+?)\s*\.\s*(?:#\s*(.*))?$/.exec(line);
      if (!triple) { above = []; return; }
      const expand = (term: string): string | undefined => {
        if (term.startsWith('<') && term.endsWith('>')) return term.slice(1, -1);
        const colon = term.indexOf(':');
        const namespace = colon < 0 ? undefined : prefixes.get(term.slice(0, colon));
        return namespace === undefined ? undefined : namespace + term.slice(colon + 1);
      };
      const subject = expand(triple[1]!);
      const predicate = expand(triple[2]!);
      const trailing = triple[4]?.trim();
      const text = [...above, ...(trailing ? [trailing] : [])].join(' ');
      above = [];
      if (subject === undefined || predicate === undefined) return;
      const methods = this.methods.get(predicate) ?? [];
      if (!methods.some((m) => m.file === file)) methods.push({ file, text: header.join(' ').replace(/\s+/g, ' ').trim() });
      this.methods.set(predicate, methods);
      if (text === '') return;
      for (const object of triple[3]!.split(/\s*,\s*/)) {
        const iri = expand(object.trim());
        if (iri !== undefined) this.byTriple.set(`${subject} ${predicate} ${iri}`, { text, file, line: index + 1 });
      }
    });
  }
}
