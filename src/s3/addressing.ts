// Which bucket and key a request addresses (Amazon S3 User Guide, "Virtual hosting of general
// purpose buckets" and "Path-style requests"): `BUCKET.s3.<region>.amazonaws.com/KEY` (also any
// `BUCKET.s3.<anything>` and, for local use, `BUCKET.localhost`), or `HOST/BUCKET/KEY` on any other
// host (an IP address, `localhost`, podiam's own name). Keys arrive percent-encoded and are decoded
// once; a malformed escape is S3's InvalidURI.
import { awsError, type AwsError } from '../aws/index.ts';

/** A request's bucket and key. */
export interface S3Address {
  /** The bucket name as addressed (not yet checked against the naming rules). */
  readonly bucket: string | undefined;
  /** The object key, decoded; undefined for service- and bucket-level requests. */
  readonly key: string | undefined;
  readonly style: 'path' | 'virtual-host';
}

const VIRTUAL_S3 = /^(.+?)\.s3[.-]/;
const LOCALHOST_SUFFIX = '.localhost';

/** The bucket a Host header names (virtual-hosted style), or undefined for path-style hosts. */
export function virtualHostBucket(host: string | undefined): string | undefined {
  if (host === undefined) return undefined;
  let name = host.toLowerCase();
  if (name.startsWith('[')) return undefined;
  const colon = name.lastIndexOf(':');
  if (colon >= 0) name = name.slice(0, colon);
  if (name.endsWith(LOCALHOST_SUFFIX)) {
    const bucket = name.slice(0, -LOCALHOST_SUFFIX.length);
    return bucket === '' ? undefined : bucket;
  }
  return VIRTUAL_S3.exec(name)?.[1];
}

function decode(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}

/** The bucket and key of a request line's path (still percent-encoded) and Host header. */
export function s3Address(path: string, host: string | undefined): S3Address | AwsError {
  const hostBucket = virtualHostBucket(host);
  const raw = path.startsWith('/') ? path.slice(1) : path;
  if (hostBucket !== undefined) {
    const key = decode(raw);
    if (key === undefined) return awsError('InvalidURI');
    return { bucket: hostBucket, key: key === '' ? undefined : key, style: 'virtual-host' };
  }
  const slash = raw.indexOf('/');
  const bucketText = slash < 0 ? raw : raw.slice(0, slash);
  const bucket = decode(bucketText);
  const key = slash < 0 ? '' : decode(raw.slice(slash + 1));
  if (bucket === undefined || key === undefined) return awsError('InvalidURI');
  return { bucket: bucket === '' ? undefined : bucket, key: key === '' ? undefined : key, style: 'path' };
}
