// `encoding-type=url` in listings (Amazon S3 API Reference, "ListObjectsV2": "Encoding type used by
// Amazon S3 to encode object key names in the XML response"): keys, prefixes, delimiters and markers
// are URL-encoded — every byte but unreserved characters and `/` as %XX, spaces as `+` (the SDKs
// decode with `unquote_plus`).

/** URL-encodes a key or prefix for a listing sent with `encoding-type=url`. */
export function listingUrlEncode(text: string): string {
  return encodeURIComponent(text)
    .replace(/%2F/g, '/')
    .replace(/%20/g, '+')
    .replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}
