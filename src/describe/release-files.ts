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

export function describeBytes(name: string, title: string, mediaType: string, content: Uint8Array | string, extra: Partial<ReleaseFile> = {}): ReleaseFile {
  const bytes = typeof content === 'string' ? Buffer.from(content) : content;
  return { name, title, mediaType, bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex'), ...extra };
}
