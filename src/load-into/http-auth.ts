/**
 * HTTP authentication for the store loader: Basic (RFC 7617) and Digest (RFC 7616, MD5 or SHA-256, qop
 * "auth"), answered from the server's own challenge. Virtuoso's Graph Store endpoint asks for Digest.
 *
 * The client learns the challenge once (a small probe request), then signs every request up front, so
 * a large streamed body is sent once; if the server still answers 401 (a stale nonce), the request is
 * signed again with the new challenge and sent again from a fresh body.
 */
import { createHash, randomBytes } from 'node:crypto';

export interface Credentials {
  user: string;
  password: string;
  /** Which scheme to answer: whatever the server asks for (default), or only this one. */
  scheme?: 'basic' | 'digest';
}

interface DigestChallenge { realm: string; nonce: string; opaque?: string; qop?: string; algorithm: string }

/** The parameters of a Digest challenge (WWW-Authenticate: Digest realm="…", nonce="…", …). */
export function parseDigestChallenge(header: string): DigestChallenge | undefined {
  const digest = /(?:^|,\s*)Digest\s+(.*)$/i.exec(header);
  if (!digest) return undefined;
  const params: Record<string, string> = {};
  for (const m of digest[1]!.matchAll(/([a-zA-Z-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]+))/g)) {
    params[m[1]!.toLowerCase()] = (m[2] ?? m[3] ?? '').replace(/\\(.)/g, '$1');
  }
  if (params.realm === undefined || params.nonce === undefined) return undefined;
  return { realm: params.realm, nonce: params.nonce, opaque: params.opaque, qop: params.qop, algorithm: params.algorithm ?? 'MD5' };
}

const HASHES: Record<string, string> = { 'MD5': 'md5', 'SHA-256': 'sha256' };

/** A signed request and what it needs to sign the next one. */
export class Authenticator {
  private challenge: DigestChallenge | undefined;
  private basic = false;
  private count = 0;

  constructor(private readonly credentials: Credentials) {}

  /** Reads a 401's WWW-Authenticate; false when it offers nothing this client can answer. */
  learn(header: string | null): boolean {
    if (header === null) return false;
    const digest = this.credentials.scheme === 'basic' ? undefined : parseDigestChallenge(header);
    if (digest && HASHES[digest.algorithm.toUpperCase()] !== undefined) {
      this.challenge = digest;
      this.count = 0;
      return true;
    }
    if (this.credentials.scheme !== 'digest' && /(?:^|,\s*)Basic\b/i.test(header)) {
      this.basic = true;
      return true;
    }
    return false;
  }

  get ready(): boolean {
    return this.basic || this.challenge !== undefined;
  }

  /** The Authorization header for a request, or undefined before any challenge was learnt. */
  authorization(method: string, url: URL): string | undefined {
    const { user, password } = this.credentials;
    if (this.challenge) {
      const { realm, nonce, opaque, qop, algorithm } = this.challenge;
      const hash = (text: string) => createHash(HASHES[algorithm.toUpperCase()]!).update(text).digest('hex');
      const uri = url.pathname + url.search;
      const ha1 = hash(`${user}:${realm}:${password}`);
      const ha2 = hash(`${method}:${uri}`);
      const quote = (value: string) => `"${value.replace(/["\\]/g, '\\$&')}"`;
      const fields = [`username=${quote(user)}`, `realm=${quote(realm)}`, `nonce=${quote(nonce)}`, `uri=${quote(uri)}`, `algorithm=${algorithm}`];
      if (qop !== undefined && qop.split(',').map((q) => q.trim()).includes('auth')) {
        const nc = (++this.count).toString(16).padStart(8, '0');
        const cnonce = randomBytes(8).toString('hex');
        fields.push('qop=auth', `nc=${nc}`, `cnonce=${quote(cnonce)}`, `response=${quote(hash(`${ha1}:${nonce}:${nc}:${cnonce}:auth:${ha2}`))}`);
      } else {
        fields.push(`response=${quote(hash(`${ha1}:${nonce}:${ha2}`))}`);
      }
      if (opaque !== undefined) fields.push(`opaque=${quote(opaque)}`);
      return `Digest ${fields.join(', ')}`;
    }
    if (this.basic) return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
    return undefined;
  }
}
