/**
 * A throwaway Virtuoso 7 server for the store tests: Debian's `virtuoso-t` (virtuoso-opensource-7-bin) in the
 * foreground, with its database in a new temporary folder and both of its ports (the SQL port and the HTTP
 * server) on free loopback ports. It starts empty (only Virtuoso's own system graphs) in about 5 seconds.
 *
 * SPARQL is at /sparql (read-only for anonymous users); the Graph Store HTTP Protocol is at
 * /sparql-graph-crud-auth, behind HTTP digest authentication as dba/dba (a fresh database's administrator).
 * `stop()` ends the process and removes the folder; a test must call it (afterAll).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const VIRTUOSO_BINARY = '/usr/bin/virtuoso-t';

export interface Virtuoso {
  /** The SPARQL 1.1 protocol endpoint, e.g. http://127.0.0.1:PORT/sparql. */
  sparqlUrl: string;
  /** The SPARQL 1.1 Graph Store HTTP Protocol endpoint (digest authentication). */
  gspUrl: string;
  user: 'dba';
  password: 'dba';
  /** The SQL port on 127.0.0.1, for isql (runIsql below). */
  sqlPort: number;
  /** The server's folder: its database, its log (virtuoso.log), and the one folder its bulk loader may read. */
  dir: string;
  stop(): Promise<void>;
}

/** A port that was free a moment ago (the OS picks it; the server binds it right after). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/**
 * What a caller may change of the configuration (the scale bench loads a million triples): the most rows a
 * result may have, the buffers (8 kB pages; Virtuoso advises about two thirds of memory for them), and the
 * longest a query may run.
 */
export interface VirtuosoSettings { resultSetMaxRows?: number; numberOfBuffers?: number; maxQueryExecutionSeconds?: number }

function configFile(dir: string, sqlPort: number, httpPort: number, settings: VirtuosoSettings = {}): string {
  const buffers = settings.numberOfBuffers ?? 10000;
  return `[Database]
DatabaseFile = ${dir}/virtuoso.db
ErrorLogFile = ${dir}/virtuoso.log
LockFile = ${dir}/virtuoso.lck
TransactionFile = ${dir}/virtuoso.trx
xa_persistent_file = ${dir}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
MaxCheckpointRemap = 2000
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = ${dir}/virtuoso-temp.db
TransactionFile = ${dir}/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:${sqlPort}
DirsAllowed = ., ${dir}
NumberOfBuffers = ${buffers}
MaxDirtyBuffers = ${Math.round(buffers * 0.6)}
CheckpointInterval = 60
ServerThreads = 10

[HTTPServer]
ServerPort = 127.0.0.1:${httpPort}
ServerRoot = ${dir}
MaxClientConnections = 10
ServerThreads = 10

[SPARQL]
ResultSetMaxRows = ${settings.resultSetMaxRows ?? 1000000}
MaxQueryExecutionTime = ${settings.maxQueryExecutionSeconds ?? 120}
MaxQueryCostEstimationTime = 0
`;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
}

/** Starts Virtuoso and resolves once /sparql answers an ASK; rejects (with the log's tail) after 60 s. */
export async function startVirtuoso(settings: VirtuosoSettings = {}): Promise<Virtuoso> {
  const dir = mkdtempSync(join(tmpdir(), 'asm-kg-virtuoso-'));
  const [sqlPort, httpPort] = [await freePort(), await freePort()];
  writeFileSync(join(dir, 'virtuoso.ini'), configFile(dir, sqlPort, httpPort, settings));
  const child = spawn(VIRTUOSO_BINARY, ['+configfile', join(dir, 'virtuoso.ini'), '+foreground'], {
    cwd: dir,
    stdio: 'ignore',
  });
  let spawnError: Error | undefined;
  child.on('error', (error) => { spawnError = error; });

  const base = `http://127.0.0.1:${httpPort}`;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      // Virtuoso checkpoints on SIGTERM; it is a throwaway database, so do not wait long for that.
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited(child);
      clearTimeout(timer);
    }
    rmSync(dir, { recursive: true, force: true });
  };

  const deadline = Date.now() + 60_000;
  for (;;) {
    if (spawnError || child.exitCode !== null || Date.now() > deadline) {
      let log = '';
      try { log = readFileSync(join(dir, 'virtuoso.log'), 'utf8').split('\n').slice(-15).join('\n'); } catch { /* no log yet */ }
      await stop();
      throw new Error(`Virtuoso did not start (${spawnError?.message ?? (child.exitCode !== null ? `exit code ${child.exitCode}` : 'no answer in 60 s')})\n${log}`);
    }
    try {
      const response = await fetch(`${base}/sparql?query=${encodeURIComponent('ASK {}')}`, {
        headers: { accept: 'application/sparql-results+json' },
        signal: AbortSignal.timeout(2_000),
      });
      await response.arrayBuffer();
      if (response.ok) break;
    } catch { /* not listening yet */ }
    await sleep(150);
  }
  return { sparqlUrl: `${base}/sparql`, gspUrl: `${base}/sparql-graph-crud-auth`, user: 'dba', password: 'dba', sqlPort, dir, stop };
}

/**
 * Runs SQL statements through Debian's isql client (isql-vt) as dba, e.g. the bulk loader (ld_dir, rdf_loader_run);
 * resolves to its output, rejects with it when isql reports an error.
 */
export function runIsql(virtuoso: Virtuoso, statements: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('/usr/bin/isql-vt', [`127.0.0.1:${virtuoso.sqlPort}`, 'dba', 'dba', 'VERBOSE=OFF', 'BANNER=OFF', 'PROMPT=OFF', 'ERRORS=STDOUT'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => { output += chunk.toString('utf8'); });
    child.stderr.on('data', (chunk: Buffer) => { output += chunk.toString('utf8'); });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0 || /\*\*\* Error/.test(output)) reject(new Error(`isql failed (exit ${code}): ${output.trim()}`));
      else resolve(output);
    });
    // isql reads one statement per line, each ended by ";".
    child.stdin.end(statements.map((statement) => `${statement.replace(/\s*\n\s*/g, ' ').replace(/;?\s*$/, ';')}\n`).join(''));
  });
}

/**
 * Bulk-loads an N-Quads dump (its graphs kept), then, given `merged`, writes the merge of its graphs into
 * that graph (https://w3id.org/asm-kg/graph/merged), as `asm-kg load --into` does: the graph a query sends
 * as its default-graph-uri to count each triple once (src/query/default-graph.ts). `graphs` are the dump's graphs.
 */
export async function loadReleaseInto(virtuoso: Virtuoso, nquadsPath: string, graphs: string[], merged?: string): Promise<void> {
  const folder = join(virtuoso.dir, 'load');
  mkdirSync(folder, { recursive: true });
  copyFileSync(nquadsPath, join(folder, 'asm-kg.nq'));
  await runIsql(virtuoso, [`ld_dir('${folder}', '*.nq', 'urn:asm-kg:unused')`, 'rdf_loader_run()', 'checkpoint']);
  if (merged !== undefined) await insertMergedGraph(virtuoso, graphs, merged);
}

/** Writes the merge of `graphs` into the graph `merged`. */
export async function insertMergedGraph(virtuoso: Virtuoso, graphs: string[], merged: string): Promise<void> {
  await runIsql(virtuoso, [
    // A graph in Virtuoso is a set (RDF_QUAD's key is G, S, P, O): a triple of two graphs is inserted once.
    `SPARQL INSERT { GRAPH <${merged}> { ?s ?p ?o } } WHERE { GRAPH ?g { ?s ?p ?o } FILTER (?g IN (${graphs.map((g) => `<${g}>`).join(', ')})) }`,
    'checkpoint',
  ]);
}
