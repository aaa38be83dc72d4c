import { describe, expect, it } from 'vitest';
import { decodeMarker, encodeMarker, StoreInvalidMarker, toPage } from './pagination.ts';

describe('Markers are opaque, issued per listing, and refused when foreign (IAM API Reference, "Marker")', () => {
  it('a marker decodes to the key it was made from, including keys with any characters', () => {
    const key = ['ünï "quoted" \\ / é', ''];
    expect(decodeMarker('roles', 2, encodeMarker('roles', key))).toEqual(key);
  });

  it('a marker from another listing, of another width, or not made by the store is invalid', () => {
    const roles = encodeMarker('roles', ['a']);
    expect(decodeMarker('users', 1, roles)).toEqual(new StoreInvalidMarker(roles));
    expect(decodeMarker('roles', 2, roles)).toEqual(new StoreInvalidMarker(roles));
    for (const bad of ['', '!!!', Buffer.from('[1,2]').toString('base64url'), Buffer.from('["roles",1]').toString('base64url')]) {
      expect(decodeMarker('roles', 1, bad)).toEqual(new StoreInvalidMarker(bad));
    }
  });

  it('a page has a marker only when a row beyond MaxItems was fetched, pointing at its last item', () => {
    const rows = ['a', 'b', 'c'];
    const full = toPage('l', rows, 3, (r) => [r], (r) => r.toUpperCase());
    expect(full).toEqual({ items: ['A', 'B', 'C'], marker: undefined });
    const truncated = toPage('l', rows, 2, (r) => [r], (r) => r);
    expect(truncated.items).toEqual(['a', 'b']);
    expect(decodeMarker('l', 1, truncated.marker ?? '')).toEqual(['b']);
  });
});
