#!/usr/bin/env node
/**
 * The asm-kg command line: turns argv into options, calls the library, prints, and is the only place
 * that sets the exit code.
 */
import { parseArgs } from 'node:util';
import { relative } from 'node:path';
import { formatViolation, UsageError } from '../core/errors.js';
import { failureReport } from './exit-status.js';
import { checkBase, DEFAULT_BASE } from '../core/iri.js';

const HELP = `asm-kg: the ASM workshops knowledge graph

Usage:
  asm-kg build [--base IRI] [--out DIR] [--root DIR] [--check-engines]
                                          validate the sources and write the release (default: dist/)
  asm-kg query NAME | FILE.rq | - [--param NAME=VALUE]... [--source SOURCE]... [--no-default]
               [--format FORMAT] [--output FILE] [--timeout MS] [--max-source-bytes N] [--root DIR]
                                          run a catalogue query, a query file or stdin (asm-kg query --help)
  asm-kg queries [--root DIR]             list the query catalogue (queries/*.rq) with titles
  asm-kg serve [--port N] [--host HOST] [--base IRI] [--allow-service IRI]... [--timeout MS] [--max-rows N]
                                          serve the graph: SPARQL endpoint, resource pages, dumps (asm-kg serve --help)
  asm-kg site [--out DIR] [--base URL]   write the whole publication as a static site, with the w3id.org
                                          redirect rules for a site published at URL (asm-kg site --help)
  asm-kg load --into URL [--update URL] [--user NAME] [--graph FROM=TO]... [--replace | --merge]
                                          load the release into a triplestore, one graph at a time (asm-kg load --help)
  asm-kg --help                           show this help

Options:
  --base IRI   base of every IRI the graph mints (default ${DEFAULT_BASE})
  --out DIR    folder to write the release to (default: the project's dist/)
  --root DIR   project folder holding ontology/ and data/ (default: this package)
  --check-engines  build: also check that Comunica and Oxigraph give every catalogue query the same
               answer before the release is swapped in (about 30 s more)
`;

async function main(argv: string[]): Promise<number> {
  // The query commands have options of their own; their modules (and Comunica) load only when they run.
  if (argv[0] === 'query' || argv[0] === 'queries') return runQueryCommand(argv[0], argv.slice(1));
  if (argv[0] === 'serve') return runServe(argv.slice(1));
  if (argv[0] === 'site') return runSite(argv.slice(1));
  if (argv[0] === 'load') return runLoad(argv.slice(1));
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      help: { type: 'boolean', short: 'h' },
      base: { type: 'string' },
      out: { type: 'string' },
      root: { type: 'string' },
      'check-engines': { type: 'boolean' },
    },
  });
  const [command] = positionals;
  if (values.help || command === undefined || command === 'help') {
    process.stdout.write(HELP);
    return 0;
  }
  if (command === 'build') return runBuild(values.base, values.out, values.root, values['check-engines'] === true);
  throw new UsageError(`unknown command "${command}" (try --help)`);
}

async function runBuild(base: string | undefined, out: string | undefined, root: string | undefined, checkEngines: boolean): Promise<number> {
  const started = performance.now();
  const { build } = await import('../build/build.js');
  const report = await build({ base: base === undefined ? undefined : checkBase(base), outDir: out, root, checkEngines });
  const milliseconds = Math.round(performance.now() - started);
  const lines = [`Read ${report.sources.length} source files (${report.sources.reduce((n, f) => n + f.triples, 0)} triples).`];
  for (const warning of report.warnings) lines.push(formatViolation(warning));
  lines.push(`Wrote ${relative(process.cwd(), report.outDir) || '.'}/ (${report.triples} triples, base ${report.base}):`);
  for (const file of report.files) {
    const triples = file.triples === undefined ? '' : `${file.triples} triples, `;
    lines.push(`  ${file.name.padEnd(36)} ${triples}${file.bytes} bytes`);
  }
  lines.push(`Built in ${milliseconds} ms.`);
  process.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}

async function runQueryCommand(command: 'query' | 'queries', argv: string[]): Promise<number> {
  const { queryCommand, queriesCommand } = await import('./query.js');
  const readStdin = async (): Promise<string> => {
    const { decodeUtf8 } = await import('../rdf/parse.js');
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return decodeUtf8(Buffer.concat(chunks), '<stdin>');
  };
  const output = command === 'queries' ? queriesCommand(argv) : await queryCommand(argv, { readStdin, terminal: process.stdout.isTTY === true });
  process.stdout.write(output.stdout);
  process.stderr.write(output.stderr);
  return 0;
}

async function runSite(argv: string[]): Promise<number> {
  const { parseSiteArgs, SITE_HELP, siteSummary } = await import('./site.js');
  const parsed = parseSiteArgs(argv);
  if (parsed.help) {
    process.stdout.write(SITE_HELP);
    return 0;
  }
  const started = performance.now();
  const { buildSite } = await import('../site/build-site.js');
  const report = await buildSite(parsed.options);
  process.stdout.write(siteSummary(report, Math.round(performance.now() - started)));
  return 0;
}

async function runLoad(argv: string[]): Promise<number> {
  const { parseLoadArgs, LOAD_HELP, loadSummary } = await import('./load.js');
  const parsed = parseLoadArgs(argv);
  if (parsed.help) {
    process.stdout.write(LOAD_HELP);
    return 0;
  }
  const { loadInto, StoreLoadError } = await import('../load-into/load.js');
  const started = performance.now();
  try {
    const report = await loadInto(parsed.options);
    process.stdout.write(loadSummary(report, parsed.options, Math.round(performance.now() - started)));
    return 0;
  } catch (error) {
    if (!(error instanceof StoreLoadError)) throw error;
    process.stderr.write(`asm-kg load: ${error.message}\n`);
    return 1;
  }
}

/** Serves until Ctrl-C (SIGINT) or SIGTERM, then closes the server and its workers. */
async function runServe(argv: string[]): Promise<number> {
  const { parseServeArgs, SERVE_HELP, startupMessage, listenError, withCommandLineDefaults } = await import('./serve.js');
  const parsed = parseServeArgs(argv);
  if (parsed.help) {
    process.stdout.write(SERVE_HELP);
    return 0;
  }
  const options = withCommandLineDefaults(parsed.options);
  const [{ resolveOptions }, { probeListen }] = await Promise.all([import('../serve/options.js'), import('./listen-probe.js')]);
  await probeListen(resolveOptions(options));
  const { createServer } = await import('../serve/server.js');
  const server = await createServer(options);
  try {
    await server.listen();
  } catch (error) {
    await server.close();
    throw listenError(error, server.options);
  }
  process.stdout.write(startupMessage(server));
  await new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
  process.stdout.write('asm-kg serve: stopping\n');
  await server.close();
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (error: unknown) => {
    const failure = failureReport(error);
    process.stderr.write(failure.stderr);
    if (failure.exitNow) process.exit(failure.exitCode);
    process.exitCode = failure.exitCode;
  },
);
