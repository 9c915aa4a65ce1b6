/**
 * Text bodies as the bytes and strong ETag they are sent with, kept for reuse. The server sends the same
 * strings again and again (a cached page, a view), and encoding a page and hashing it for its ETag on every
 * request is work on the server's own thread that grows with the page: the same string is encoded once.
 * Bounded by bytes; a string sent once costs one entry until pushed out.
 */
import { LRUCache } from 'lru-cache';
import { strongEtag } from '../core/etag.js';

export interface EncodedBody { body: Buffer; etag: string }

/** Bytes an entry costs beyond its bytes: the key string (UTF-16) is counted too, and the objects around them. */
const ENTRY_OVERHEAD = 256;

const encoded = new LRUCache<string, EncodedBody>({
  maxSize: 32 * 1024 * 1024,
  sizeCalculation: (value, key) => value.body.byteLength + 2 * key.length + ENTRY_OVERHEAD,
});

/** The bytes of `text` and their ETag; the same Buffer for the same text while it stays in the cache. */
export function encodeBody(text: string): EncodedBody {
  let entry = encoded.get(text);
  if (entry === undefined) {
    const body = Buffer.from(text);
    entry = { body, etag: strongEtag(body) };
    encoded.set(text, entry);
  }
  return entry;
}
