// Property: whatever path and query the AWS SDK v3 signer signs, the verifier accepts, for S3
// (single encoding) and for the other services (double encoding); and a different value is refused.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { signWithHeader } from './sdk-signer.fixture.ts';
import { uriEncode } from './uri-encode.ts';
import { verifySigV4 } from './verify.ts';

const NOW = Date.UTC(2024, 4, 1, 12, 0, 0);
const KEY = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'secret' };
const segment = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 }).filter((s) => s !== '.' && s !== '..');
const query = fc.dictionary(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 8 }), fc.string({ unit: 'grapheme', maxLength: 12 }), { maxKeys: 4 });

function options(service: string) {
  return {
    dialect: service === 's3' ? ('s3' as const) : ('query' as const),
    service,
    regions: ['us-east-1'],
    now: NOW,
    lookup: async () => ({ secretAccessKey: KEY.secretAccessKey }),
  };
}

describe('AWS General Reference "Create a canonical request": any SDK-signed path and query verify', () => {
  it.each(['s3', 'iam'])('%s', async (service) => {
    await fc.assert(
      fc.asyncProperty(fc.array(segment, { minLength: 1, maxLength: 3 }), query, async (segments, q) => {
        const path = '/' + segments.map(uriEncode).join('/');
        const signed = await signWithHeader(
          { method: 'GET', host: 'h.example.com', path, query: q },
          { service, region: 'us-east-1', credentials: KEY, date: new Date(NOW) },
        );
        const result = await verifySigV4(signed, options(service));
        expect(result.ok).toBe(true);
        const tampered = await verifySigV4({ ...signed, url: signed.url.replace(path, path + 'x') }, options(service));
        expect(tampered.ok).toBe(false);
      }),
      { numRuns: 150 },
    );
  });
});
