/**
 * Issue 8, finding 5, against a real server on port 0 and a real browser: security headers on every
 * response (and the pages still work under that policy, no framing), SPARQL XML results that a strict
 * XML 1.0 parser (Python's expat) reads whatever the literals hold, terminal escapes in the CLI table
 * shown as text, and no file served for `…/asm-kg.ttl/`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { DataFactory } from 'n3';
import { queryCommand } from '../src/cli/query.js';
import { bindingsToTable } from '../src/serialize/sparql-results/results-table.js';
import { bindingsToXml } from '../src/serialize/sparql-results/results-xml.js';
import { contentSecurityPolicy, inlineStyleHashes } from '../src/serve/security-headers.js';
import type { TestServer } from './fixtures/serve/server.js';
import { sharedServer } from './fixtures/serve/shared-server.js';
import { launchChromium } from './support/chromium.js';

let t: TestServer;
let browser: Browser;
const scratch = mkdtempSync(join(tmpdir(), 'asm-kg-hardening-output-'));
beforeAll(async () => {
  t = await sharedServer();
  browser = await launchChromium();
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await t?.close();
  rmSync(scratch, { recursive: true, force: true });
});

/** Python's expat, a strict XML 1.0 parser: the binding values of a SPARQL XML document, or the parse error. */
function parseWithExpat(xml: string): string[] {
  const script = `import sys, json, xml.etree.ElementTree as ET
root = ET.fromstring(sys.stdin.buffer.read())
ns = '{http://www.w3.org/2005/sparql-results#}'
print(json.dumps([b.text or '' for b in root.iter(ns + 'literal')]))`;
  return JSON.parse(execFileSync('/usr/bin/python3', ['-c', script], { input: xml, encoding: 'utf8' })) as string[];
}

describe('security headers', () => {
  const pages = ['/', '/sparql', '/dist/', '/no/such/thing'];

  it.each(pages)('%s has a CSP without inline script, no framing and a Referrer-Policy', async (path) => {
    const response = await t.get(path, { headers: { accept: 'text/html' } });
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('referrer-policy')).toBe('same-origin');
  });

  it('allows an inline <style> only by the hash of its exact text', () => {
    const html = '<html><head><style>body{color:red}</style></head></html>';
    const [hash] = inlineStyleHashes(html);
    // The hash CSP computes over the element's content (base64 SHA-256).
    expect(hash).toBe(execFileSync('/usr/bin/python3', ['-c', 'import hashlib,base64;print(base64.b64encode(hashlib.sha256(b"body{color:red}").digest()).decode())'], { encoding: 'utf8' }).trim());
    expect(contentSecurityPolicy(html)).toContain(`style-src 'self' 'sha256-${hash}'`);
    expect(contentSecurityPolicy(undefined)).toContain("style-src 'self'");
  });

  it('the pages work under the policy in Chromium (no violation), and no other site can frame them', async () => {
    const page = await browser.newPage();
    const violations: string[] = [];
    page.on('console', (message) => { if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text()); });
    const resource = (await (await t.get(t.server.samplePath, { headers: { accept: 'text/html' } })).headers.get('location'))!;
    for (const path of ['/', '/sparql', resource, '/dist/']) {
      await page.goto(`${t.url}${path}`);
      // A styled page: the inline style was applied (the body font is not the browser's default serif).
      expect(await page.evaluate(() => getComputedStyle(document.body).fontFamily)).toContain('system-ui');
    }
    expect(violations).toEqual([]);

    // Framed by another origin (about:blank's opener here): Chromium refuses to show our page.
    const framer = await browser.newPage();
    // Chromium says why it refused, by the time the framing page has loaded: waited for, rather than a fixed sleep.
    const refusal = framer.waitForEvent('console', (message) => message.text().includes(`Framing '${t.url}/' violates the following Content Security Policy directive: "frame-ancestors 'none'"`));
    await framer.setContent(`<iframe src="${t.url}/"></iframe>`);
    await refusal;
    const frame = framer.frames().find((f) => f.url().startsWith(t.url));
    const framedTitle = frame === undefined ? '' : await frame.evaluate(() => document.title).catch(() => '');
    expect(framedTitle).not.toContain('asm-kg');
    await page.close();
    await framer.close();
  }, 60_000);
});

describe('SPARQL XML results with characters XML 1.0 cannot carry', () => {
  const literal = (value: string) => DataFactory.literal(value);

  it('are well-formed: the character becomes U+FFFD and a comment says so', () => {
    const xml = bindingsToXml(['x'], [{ x: literal('a\u0001b\u001Bc\uFFFF') }, { x: literal('tab\tand\r\nbreaks') }]);
    expect(parseWithExpat(xml)).toEqual(['a\uFFFDb\uFFFDc\uFFFD', 'tab\tand\r\nbreaks']);
    expect(xml.split('\n')[1]).toBe('<!-- 3 characters that XML 1.0 cannot carry (control characters) were replaced by U+FFFD; the JSON, CSV and TSV results give the exact values. -->');
  });

  it('a result without such characters has no comment', () => {
    expect(bindingsToXml(['x'], [{ x: literal('plain') }])).not.toContain('<!--');
  });

  it('from the server, for a literal with U+0001', async () => {
    const query = 'SELECT ?x WHERE { BIND("before\\u0001after" AS ?x) }';
    const response = await t.get(`/sparql?query=${encodeURIComponent(query)}`, { headers: { accept: 'application/sparql-results+xml' } });
    expect(response.status).toBe(200);
    expect(parseWithExpat(await response.text())).toEqual(['before\uFFFDafter']);
  });
});

describe('the CLI table', () => {
  it('prints terminal escape sequences and other controls as visible text', () => {
    const text = bindingsToTable(['x'], [{ x: DataFactory.literal('\u001B[2J\u001B]52;c;ZXZpbA==\u0007red\u009B31m\u202Eevil') }], []);
    expect(text).not.toMatch(/[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u202E]/);
    expect(text).toContain('\\x1B[2J\\x1B]52;c;ZXZpbA==\\x07red\\x9B31m\\u202Eevil');
  });

  it('asm-kg query --format table on a source holding an escape sequence', async () => {
    const source = join(scratch, 'escape.ttl');
    writeFileSync(source, '<http://example.org/a> <http://example.org/says> "\\u001B[31mred\\u001B[0m" .\n');
    const queryFile = join(scratch, 'says.rq');
    writeFileSync(queryFile, 'SELECT ?says WHERE { ?s <http://example.org/says> ?says }\n');
    const output = await queryCommand([queryFile, '--no-default', '--source', source, '--format', 'table'], { readStdin: async () => '', terminal: true });
    expect(output.stdout).toBe('?says\n------------------\n\\x1B[31mred\\x1B[0m\n(1 row)\n');
  });
});

describe('/dist/ files', () => {
  it('a file path with a trailing slash is a 404', async () => {
    const folder = t.server.dumpsPath;
    expect((await t.get(`${folder}asm-kg.ttl`)).status).toBe(200);
    const response = await t.get(`${folder}asm-kg.ttl/`);
    expect(response.status).toBe(404);
    expect(await response.text()).toBe(`404 Not Found: no such file: ${folder}asm-kg.ttl/\n`);
  });
});
