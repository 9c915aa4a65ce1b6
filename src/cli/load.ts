/**
 * `asm-kg load --into URL`: argv to LoadIntoOptions, and the lines printed after a load. The command line
 * (src/cli/main.ts) runs it; this module never prints or exits.
 */
import { parseArgs } from 'node:util';
import { UsageError } from '../core/errors.js';
import { NQUADS_DUMP, releasePath } from '../core/release.js';
import { PACKAGE_ROOT } from '../core/paths.js';
import type { LoadIntoOptions, LoadReport } from '../load-into/load.js';

export const LOAD_HELP = `asm-kg load --into URL: load the release into a triplestore (SPARQL 1.1 Graph Store HTTP Protocol)

Usage:
  asm-kg load --into URL [--update URL] [--user NAME] [--password SECRET] [--auth basic|digest]
              [--graph FROM=TO]... [--replace | --merge] [--dump FILE] [--root DIR] [--timeout MS]

One request per named graph, streamed from the N-Quads dump, so the graphs stay apart in the store; then
their merge, each triple once, into the graph https://w3id.org/asm-kg/graph/merged: a query that gives it as
its default-graph-uri (or FROM) counts each triple once, as asm-kg query and serve do. serve --backend sends it.

  --into URL        the store's Graph Store endpoint (graphs named with ?graph=IRI), e.g. Virtuoso's
                    http://host:8890/sparql-graph-crud-auth
  --update URL      the store's SPARQL Update endpoint (e.g. Virtuoso's http://host:8890/sparql-auth): each
                    graph goes into a temporary graph first, then one update MOVEs (or ADDs) them all onto their
                    targets, so a failed load leaves the old graphs. Without it graphs are written in place, and
                    a failure can leave the graphs before it new and the rest old (the error says which).
  --user NAME       user for HTTP authentication (Basic or Digest, as the store asks)
  --password SECRET its password (default: the ASM_KG_STORE_PASSWORD environment variable)
  --auth SCHEME     answer only this scheme: basic or digest (default: the one the store asks for)
  --graph FROM=TO   write the dump's graph FROM (an IRI, or "default") to the graph TO (repeatable)
  --replace         replace each target graph (PUT; the default)
  --merge           add to each target graph, keeping what it holds (POST)
  --dump FILE       the N-Quads file to load (default: this package's dist/<version>/asm-kg.nq)
  --root DIR        project folder whose dist/ holds the release (default: this package)
  --timeout MS      milliseconds one request may take (default 600000)
`;

export interface ParsedLoadArgs { help: boolean; options: LoadIntoOptions }

export function parseLoadArgs(argv: string[], env: NodeJS.ProcessEnv = process.env): ParsedLoadArgs {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      help: { type: 'boolean', short: 'h' },
      into: { type: 'string' },
      update: { type: 'string' },
      user: { type: 'string' },
      password: { type: 'string' },
      auth: { type: 'string' },
      graph: { type: 'string', multiple: true },
      replace: { type: 'boolean' },
      merge: { type: 'boolean' },
      dump: { type: 'string' },
      root: { type: 'string' },
      timeout: { type: 'string' },
    },
  });
  const options = {} as LoadIntoOptions;
  if (values.help) return { help: true, options };
  if (positionals.length > 0) throw new UsageError(`load: unexpected argument "${positionals[0]}" (try asm-kg load --help)`);
  if (values.into === undefined) throw new UsageError('load: --into URL is required (the store\'s Graph Store endpoint)');
  const url = (name: string, value: string): string => {
    let parsed: URL;
    try { parsed = new URL(value); } catch { throw new UsageError(`load: --${name} "${value}" is not a URL`); }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new UsageError(`load: --${name} "${value}" is not an http(s) URL`);
    return parsed.href;
  };
  if (values.replace && values.merge) throw new UsageError('load: give --replace or --merge, not both');
  if (values.auth !== undefined && values.auth !== 'basic' && values.auth !== 'digest') throw new UsageError(`load: --auth "${values.auth}" is not basic or digest`);
  const password = values.password ?? env.ASM_KG_STORE_PASSWORD;
  if (values.user !== undefined && password === undefined) throw new UsageError('load: --user needs --password (or ASM_KG_STORE_PASSWORD)');
  if (values.user === undefined && (values.password !== undefined || values.auth !== undefined)) throw new UsageError('load: --password and --auth need --user');
  const graphMap: Record<string, string> = {};
  for (const mapping of values.graph ?? []) {
    const at = mapping.indexOf('=');
    if (at <= 0 || at === mapping.length - 1) throw new UsageError(`load: --graph "${mapping}" is not FROM=TO`);
    const from = mapping.slice(0, at);
    const to = mapping.slice(at + 1);
    for (const iri of from === 'default' ? [to] : [from, to]) {
      if (!/^[a-z][a-z0-9+.-]*:[^\s<>"{}|^`\\]*$/i.test(iri)) throw new UsageError(`load: --graph "${mapping}": "${iri}" is not an absolute IRI`);
    }
    graphMap[from] = to;
  }
  let timeoutMs: number | undefined;
  if (values.timeout !== undefined) {
    timeoutMs = Number(values.timeout);
    if (!Number.isInteger(timeoutMs) || timeoutMs <= 0) throw new UsageError(`load: --timeout "${values.timeout}" is not a positive whole number of milliseconds`);
  }
  options.gspUrl = url('into', values.into);
  if (values.update !== undefined) options.updateUrl = url('update', values.update);
  if (values.user !== undefined) options.credentials = { user: values.user, password: password!, scheme: values.auth as 'basic' | 'digest' | undefined };
  options.graphMap = graphMap;
  options.mode = values.merge ? 'merge' : 'replace';
  options.dump = values.dump ?? releasePath(values.root ?? PACKAGE_ROOT, NQUADS_DUMP);
  if (timeoutMs !== undefined) options.timeoutMs = timeoutMs;
  return { help: false, options };
}

export function loadSummary(report: LoadReport, options: LoadIntoOptions, ms: number): string {
  const lines = report.graphs.map((g) => `  <${g.target || 'default'}>  ${g.triples} triples${g.target === g.source ? '' : `  (from <${g.source || 'default'}>)`}`);
  lines.push(`  <${report.merged.target}>  the merge of these ${report.graphs.length} graphs, each triple once (${report.merged.sent} sent): `
    + 'give it as default-graph-uri to query the default graph');
  const how = report.swapped
    ? `through temporary graphs, then one ${options.mode === 'merge' ? 'ADD' : 'MOVE'}`
    : (options.mode === 'merge' ? 'merged in place (POST)' : 'replaced in place (PUT)');
  return `Loaded ${report.graphs.length} graphs into ${options.gspUrl}, ${how}, in ${ms} ms:\n${lines.join('\n')}\n`;
}
