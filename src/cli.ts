#!/usr/bin/env node
/**
 * The asm-kg command line: turns argv into options, calls the library, prints, and is the only place
 * that sets the exit code.
 */
import { parseArgs } from 'node:util';
import { relative } from 'node:path';
import { build } from './build.js';
import { formatViolation, SyntaxInputError, UsageError, ValidationFailedError } from './errors.js';
import { checkBase, DEFAULT_BASE } from './iri.js';

const HELP = `asm-kg: the ASM workshops knowledge graph

Usage:
  asm-kg build [--base IRI] [--out DIR] [--root DIR]
                                          validate the sources and write the release (default: dist/)
  asm-kg --help                           show this help

Options:
  --base IRI   base of every IRI the graph mints (default ${DEFAULT_BASE})
  --out DIR    folder to write the release to (default: the project's dist/)
  --root DIR   project folder holding ontology/ and data/ (default: this package)
`;

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      help: { type: 'boolean', short: 'h' },
      base: { type: 'string' },
      out: { type: 'string' },
      root: { type: 'string' },
    },
  });
  const [command] = positionals;
  if (values.help || command === undefined || command === 'help') {
    process.stdout.write(HELP);
    return 0;
  }
  if (command === 'build') return runBuild(values.base, values.out, values.root);
  throw new UsageError(`unknown command "${command}" (try --help)`);
}

async function runBuild(base: string | undefined, out: string | undefined, root: string | undefined): Promise<number> {
  const started = performance.now();
  const report = await build({ base: base === undefined ? undefined : checkBase(base), outDir: out, root });
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

main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (error: unknown) => {
    if (error instanceof SyntaxInputError || error instanceof ValidationFailedError || error instanceof UsageError) {
      process.stderr.write(`asm-kg: ${error.message}\n`);
      process.exitCode = error instanceof UsageError ? 2 : 1;
    } else if (error instanceof Error && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`asm-kg: ${error.message} (try --help)\n`);
      process.exitCode = 2;
    } else {
      process.stderr.write(`asm-kg: ${error instanceof Error ? error.stack : String(error)}\n`);
      process.exitCode = 1;
    }
  },
);
