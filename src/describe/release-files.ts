/**
 * What the descriptions say about each file of a release: media type, size and SHA-256, all computed
 * from the bytes written.
 */
import { createHash } from 'node:crypto';

export interface ReleaseFile {
  name: string;
  title: string;
  mediaType: string;
  bytes: number;
  sha256: string;
  /** Triples the file holds, for RDF dumps. */
  triples?: number;
  /** For a .gz file: the name of the file it compresses. */
  compresses?: string;
}

/** `content` may be a file's text or its bytes. */
export function describeBytes(name: string, title: string, mediaType: string, content: Uint8Array | string, extra: Partial<ReleaseFile> = {}): ReleaseFile {
  return describeDigest(name, title, mediaType, digestOf([typeof content === 'string' ? Buffer.from(content) : content]), extra);
}

/** A file's size and SHA-256, as a release file's description gives them. */
export interface Digest {
  bytes: number;
  sha256: string;
}

/** The digest of bytes given in consecutive pieces. */
export function digestOf(pieces: Iterable<Uint8Array>): Digest {
  const hash = createHash('sha256');
  let bytes = 0;
  for (const piece of pieces) { hash.update(piece); bytes += piece.length; }
  return { bytes, sha256: hash.digest('hex') };
}

export function describeDigest(name: string, title: string, mediaType: string, digest: Digest, extra: Partial<ReleaseFile> = {}): ReleaseFile {
  return { name, title, mediaType, bytes: digest.bytes, sha256: digest.sha256, ...extra };
}
