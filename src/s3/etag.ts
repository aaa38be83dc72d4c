// Entity tags (Amazon S3 API Reference, "Common Response Headers": ETag): the MD5 of the object's
// bytes in hex for objects written whole; for multipart uploads the MD5 of the concatenated binary
// MD5s of the parts, then `-` and the number of parts. Sent in double quotes.
import { createHash } from 'node:crypto';

/** The ETag of a multipart object from its parts' ETags (MD5 hex, in part order). */
export function multipartEtag(partEtags: readonly string[]): string {
  const md5 = createHash('md5');
  for (const etag of partEtags) md5.update(Buffer.from(etag, 'hex'));
  return `${md5.digest('hex')}-${partEtags.length}`;
}

/** The header form: in double quotes. */
export function quotedEtag(etag: string): string {
  return `"${etag}"`;
}
