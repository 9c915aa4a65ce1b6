/**
 * Shared by the site tests: a frozen copy of the project's inputs (so that a build in progress elsewhere
 * cannot change them between two site builds), a real Apache for the w3id rules, and the comparison of
 * SPARQL JSON answers with test/expected/ (as test/catalogue.test.ts does).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataFactory } from 'n3';
import type { Term } from '@rdfjs/types';
import { vocabulary } from '../../src/core/iri.js';
import { ROOT } from '../support/project.js';
import { parseJsonResults } from '../support/sparql-results.js';

/** A temporary copy of what a site build reads: data/, dist/, queries/, ontology/. */
export function frozenProject(): { root: string; cleanup: () => void } {
  const root = mkdtempSync(join(tmpdir(), 'asm-kg-site-'));
  for (const dir of ['data', 'dist', 'queries', 'ontology']) {
    cpSync(join(ROOT, dir), join(root, dir), { recursive: true, filter: (source) => !/[\\/]\.[^\\/]*$/.test(source) || source === join(ROOT, dir) });
  }
  return { root, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}

/** A free loopback port (Apache needs one before it starts). */
export async function freePort(): Promise<number> {
  const server = createNetServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((done) => server.close(() => done()));
  return port;
}

export interface Apache { url: string; process: ChildProcess; stop(): Promise<void> }

/**
 * Debian's Apache in the foreground, with a configuration of its own: mod_rewrite, mod_headers, mod_alias,
 * and `folder` mapped to `mount` with AllowOverride All, so that its .htaccess is read as at w3id.org.
 */
export async function startApache(folder: string, mount: string): Promise<Apache> {
  const serverRoot = mkdtempSync(join(tmpdir(), 'asm-kg-apache-'));
  mkdirSync(join(serverRoot, 'logs'));
  mkdirSync(join(serverRoot, 'empty'));
  // Run as root, Apache's children switch to an unprivileged user, which must be able to read the rules.
  for (const path of [serverRoot, join(serverRoot, 'empty'), folder]) chmodSync(path, 0o755);
  for (let parent = join(folder, '..'); parent !== '/' && parent.startsWith(tmpdir()) && parent !== tmpdir(); parent = join(parent, '..')) chmodSync(parent, 0o755);
  chmodSync(join(serverRoot, 'logs'), 0o777);
  const port = await freePort();
  const modules = '/usr/lib/apache2/modules';
  writeFileSync(join(serverRoot, 'httpd.conf'), `ServerRoot ${serverRoot}
ServerName 127.0.0.1
Listen 127.0.0.1:${port}
PidFile ${serverRoot}/logs/httpd.pid
LoadModule mpm_event_module ${modules}/mod_mpm_event.so
LoadModule authz_core_module ${modules}/mod_authz_core.so
LoadModule rewrite_module ${modules}/mod_rewrite.so
LoadModule headers_module ${modules}/mod_headers.so
LoadModule alias_module ${modules}/mod_alias.so
LoadModule mime_module ${modules}/mod_mime.so
TypesConfig /etc/mime.types
ErrorLog ${serverRoot}/logs/error.log
LogLevel warn
DocumentRoot ${serverRoot}/empty
Alias ${mount.replace(/\/$/, '')} ${folder}
<Directory ${folder}>
  AllowOverride All
  Require all granted
</Directory>
`);
  const child = spawn('/usr/sbin/apache2', ['-f', join(serverRoot, 'httpd.conf'), '-DFOREGROUND'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => { output += chunk.toString(); });
  child.stderr!.on('data', (chunk: Buffer) => { output += chunk.toString(); });
  const url = `http://127.0.0.1:${port}${mount}`;
  const deadline = Date.now() + 15_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`apache2 exited (${child.exitCode}): ${output}${readLog(serverRoot)}`);
    try { await fetch(`http://127.0.0.1:${port}/`, { redirect: 'manual' }); break; } catch { /* not listening yet */ }
    if (Date.now() > deadline) { child.kill('SIGKILL'); throw new Error(`apache2 did not start: ${output}${readLog(serverRoot)}`); }
    await new Promise((done) => setTimeout(done, 100));
  }
  return {
    url,
    process: child,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((done) => child.once('exit', done));
        // SIGWINCH is Apache's graceful stop; SIGTERM stops at once, children included.
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((done) => setTimeout(done, 5_000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      rmSync(serverRoot, { recursive: true, force: true });
    },
  };
}

function readLog(serverRoot: string): string {
  const path = join(serverRoot, 'logs', 'error.log');
  return existsSync(path) ? readFileSync(path, 'utf8') : '';
}

const prefixes = Object.entries(vocabulary().prefixes).sort(([, a], [, b]) => b.length - a.length);

/** A term in the string form of test/expected/ (an IRI as a prefixed name, a literal as its value). */
export function show(term: Term): string {
  if (term.termType === 'NamedNode') {
    for (const [prefix, namespace] of prefixes) if (term.value.startsWith(namespace)) return `${prefix}:${term.value.slice(namespace.length)}`;
    return term.value;
  }
  return term.termType === 'BlankNode' ? `_:${term.value}` : term.value;
}

const normalise = (value: string): string => (/^https?:\/\/\S+$/.test(value) ? show(DataFactory.namedNode(value)) : value);

interface ExpectedSelect { ordered: boolean; variables: string[]; rows: Record<string, string>[] }

/** The rows of a SPARQL JSON answer and of test/expected/<name>.json, in the same canonical form. */
export function compareWithExpected(name: string, json: string): { actual: string[]; expected: string[]; variables: [string[], string[]] } {
  const expected = JSON.parse(readFileSync(join(ROOT, 'test', 'expected', `${name}.json`), 'utf8')) as ExpectedSelect;
  const parsed = parseJsonResults(json);
  if (typeof parsed === 'boolean') throw new Error(`${name}: expected a SELECT answer, got a boolean`);
  const canonical = (row: Record<string, string>) => JSON.stringify(expected.variables.filter((v) => row[v] !== undefined).map((v) => [v, normalise(row[v]!)]));
  const actual = parsed.rows.map((row) => canonical(Object.fromEntries(Object.entries(row).map(([k, t]) => [k, show(t)]))));
  const wanted = expected.rows.map(canonical);
  return expected.ordered
    ? { actual, expected: wanted, variables: [parsed.variables, expected.variables] }
    : { actual: [...actual].sort(), expected: [...wanted].sort(), variables: [parsed.variables, expected.variables] };
}
