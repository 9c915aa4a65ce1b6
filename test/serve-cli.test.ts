/**
 * `asm-kg serve` as a user runs it: the compiled lib/cli.js in a child process, which prints its URLs,
 * serves, and stops cleanly on Ctrl-C (SIGINT).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ROOT } from './support/project.js';
import { readRelease } from '../src/core/release.js';

const CLI = join(ROOT, 'lib/cli.js');
let child: ChildProcess | undefined;
afterEach(() => { if (child && child.exitCode === null) child.kill('SIGKILL'); });

/** Starts `asm-kg serve` and resolves with what it printed once it says it listens. */
function start(...args: string[]): Promise<string> {
  child = spawn(process.execPath, [CLI, 'serve', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child!.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('Ctrl-C stops.')) resolve(out);
    });
    child!.stderr!.on('data', (chunk: Buffer) => { out += chunk.toString(); });
    child!.on('exit', (code) => reject(new Error(`exited with ${code} before listening:\n${out}`)));
  });
}

/**
 * What `asm-kg serve --port 0 --workers 1` printed once it listened: one run serves the first test, and the
 * memory budget test reads the same message (a server's start-up costs seconds of CPU).
 */
let defaultRun: Promise<string> | undefined;
const startDefault = (): Promise<string> => (defaultRun ??= start('--port', '0', '--workers', '1'));

describe('asm-kg serve', () => {
  it('prints the endpoint, a resource and the dumps, serves them, and stops on SIGINT with exit code 0', async () => {
    const out = await startDefault();
    const url = /listening on (http:\/\/127\.0\.0\.1:\d+)\//.exec(out)![1]!;
    expect(out).toContain(`SPARQL endpoint   ${url}/sparql`);
    expect(out).toMatch(new RegExp(`a resource        ${url}/id/statement/\\S+`));
    expect(out).toContain(`dumps             ${url}/dist/${readRelease(ROOT).version}/`);
    const response = await fetch(`${url}/sparql?query=${encodeURIComponent('ASK { ?s ?p ?o }')}`);
    expect(await response.json()).toMatchObject({ boolean: true });
    const resource = /a resource +(\S+)/.exec(out)![1]!;
    expect((await fetch(resource, { redirect: 'manual' })).status).toBe(303);
    const exited = new Promise<number | null>((resolve) => child!.on('exit', resolve));
    child!.kill('SIGINT');
    expect(await exited).toBe(0);
  }, 30_000);

  it('rejects a bad option value with exit code 2, naming the option', () => {
    const result = spawnSync(process.execPath, [CLI, 'serve', '--timeout', 'soon'], { encoding: 'utf8' });
    expect(result.status).toBe(2);
    expect(result.stderr).toBe('asm-kg: --timeout: "soon" is not a whole number\n');
  });

  it('rejects an --allow-service that is not an http(s) IRI', () => {
    const result = spawnSync(process.execPath, [CLI, 'serve', '--allow-service', 'file:///etc/passwd'], { encoding: 'utf8' });
    expect(result.status).toBe(2);
    expect(result.stderr).toBe('asm-kg: --allow-service: "file:///etc/passwd" must be an http or https IRI\n');
  });
});

/** `asm-kg serve ARGS` exits 2 at once with exactly this message on stderr. */
function refused(args: string[], stderr: string): void {
  const result = spawnSync(process.execPath, [CLI, 'serve', ...args], { encoding: 'utf8' });
  expect(result.stderr).toBe(stderr);
  expect(result.status).toBe(2);
}

describe('asm-kg serve: the client shares and the trusted proxy', () => {
  it('rejects a --trust-proxy that is no address or CIDR range, and a --client-queries of 0, naming the option', () => {
    refused(['--trust-proxy', '10.0.0.0/8,proxy.example'], 'asm-kg: --trust-proxy: "proxy.example" is not an IP address or a CIDR range (e.g. 10.0.0.1, 10.0.0.0/8, ::1)\n');
    refused(['--client-queries', '0'], 'asm-kg: --client-queries: "0" must be a whole number of at least 1\n');
    refused(['--client-queue', 'many'], 'asm-kg: --client-queue: "many" is not a whole number\n');
  });
});

describe('asm-kg serve: the memory budget', () => {
  it('keeps the server and its query processes within 720 MB unless told otherwise, and says so', async () => {
    const out = await startDefault();
    expect(out).toMatch(/\(1 query processes \+ 1 spare, 256 MB and 10000 ms per query, 720 MB in all, at most 10000 rows\)/);
    child!.kill('SIGINT');
    const help = spawnSync(process.execPath, [CLI, 'serve', '--help'], { encoding: 'utf8' });
    expect(help.stdout).toContain('--max-memory MB         resident memory of the server and its query processes together (default 720;');
  }, 30_000);

  it('takes --max-memory 0 as no budget', async () => {
    const out = await start('--port', '0', '--workers', '1', '--max-memory', '0');
    expect(out).toContain('per query, no memory budget, at most');
    child!.kill('SIGINT');
  }, 30_000);

  it('rejects a --max-memory that is not a whole number, or too small for the server and one process, naming the option', () => {
    refused(['--max-memory', 'lots'], 'asm-kg: --max-memory: "lots" is not a whole number\n');
    refused(['--max-memory', '200'], 'asm-kg: --max-memory: "200" must be 0 (no budget) or a whole number of MB, at least 256 (the server and one query process)\n');
  });
});

describe('asm-kg serve on a port already taken', () => {
  it('names the option and the port, exit code 2', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = taken.address() as AddressInfo;
      const result = await new Promise<{ status: number | null; stderr: string }>((resolve) => {
        const process_ = spawn(process.execPath, [CLI, 'serve', '--port', String(port), '--workers', '1'], { stdio: ['ignore', 'ignore', 'pipe'] });
        let stderr = '';
        process_.stderr!.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
        process_.on('exit', (status) => resolve({ status, stderr }));
      });
      expect(result.status).toBe(2);
      expect(result.stderr).toBe(`asm-kg: --port: ${port} is already in use (try another, or --port 0)\n`);
    } finally {
      taken.close();
    }
  }, 30_000);

  it('names --host when its address is not this machine\'s, exit code 2', () => {
    // 192.0.2.1 is TEST-NET-1 (RFC 5737): never a local address, so listening on it fails with EADDRNOTAVAIL.
    refused(['--host', '192.0.2.1', '--port', '0', '--workers', '1'], 'asm-kg: --host: cannot listen on "192.0.2.1"\n');
  }, 30_000);
});
