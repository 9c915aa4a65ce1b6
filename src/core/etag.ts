/**
 * The strong validator (ETag) of a response body: a hash of its bytes, so that the same bytes always get
 * the same tag. Here, below serve/, because the query runners tag their answers where they write them.
 */
import { createHash } from 'node:crypto';

export function strongEtag(body: Buffer | string | Uint8Array): string {
  return `"${createHash('sha1').update(body).digest('base64url')}"`;
}
