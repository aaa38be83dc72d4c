// Instance-metadata request paths: `/<version>/<category...>`, version `latest` or a dated API
// version (`2016-09-02`). The agent serves the IAM category itself and hands the rest to the
// allow-list; a path that is not plain (dot segments, percent-encoding, backslashes, empty segments
// inside the path) is never interpreted or forwarded.

/** What a metadata path asks for. */
export type MetadataPath =
  | { readonly kind: 'token' }
  | { readonly kind: 'iam-listing' }
  | { readonly kind: 'iam-info' }
  | { readonly kind: 'role-name' }
  | { readonly kind: 'role-credentials'; readonly role: string }
  | { readonly kind: 'other'; readonly version: string; readonly rest: string }
  | { readonly kind: 'malformed' };

const VERSION = /^(?:latest|\d{4}-\d{2}-\d{2})$/;
const PLAIN = /^[A-Za-z0-9._~:@!$&'()*+,;=/-]*$/;
const MALFORMED: MetadataPath = { kind: 'malformed' };

/** Classifies a request target (path and optional query). */
export function parseMetadataPath(target: string): MetadataPath {
  const q = target.indexOf('?');
  const path = q < 0 ? target : target.slice(0, q);
  if (!path.startsWith('/') || !PLAIN.test(path)) return MALFORMED;
  if (path === '/latest/api/token') return { kind: 'token' };
  const slash = path.indexOf('/', 1);
  const version = slash < 0 ? path.slice(1) : path.slice(1, slash);
  if (version === '') return { kind: 'other', version: '', rest: '' };
  if (!VERSION.test(version)) return MALFORMED;
  const rest = slash < 0 ? '' : path.slice(slash + 1);
  const segments = rest.split('/');
  for (let i = 0; i < segments.length; i++) {
    const s = segments[i];
    if (s === '.' || s === '..') return MALFORMED;
    if (s === '' && i !== segments.length - 1) return MALFORMED;
  }
  if (rest === 'meta-data/iam' || rest === 'meta-data/iam/') return { kind: 'iam-listing' };
  if (rest === 'meta-data/iam/info' || rest === 'meta-data/iam/info/') return { kind: 'iam-info' };
  if (rest === 'meta-data/iam/security-credentials' || rest === 'meta-data/iam/security-credentials/') return { kind: 'role-name' };
  const prefix = 'meta-data/iam/security-credentials/';
  if (rest.startsWith(prefix)) {
    const role = rest.slice(prefix.length).replace(/\/$/, '');
    return { kind: 'role-credentials', role };
  }
  if (rest.startsWith('meta-data/iam/')) return { kind: 'other', version, rest };
  return { kind: 'other', version, rest };
}
