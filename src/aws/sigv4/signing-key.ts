// Signing key derivation and signature computation (AWS General Reference, "Calculate the
// signature for AWS Signature Version 4"):
//   kDate = HMAC("AWS4" + secret, yyyymmdd); kRegion = HMAC(kDate, region);
//   kService = HMAC(kRegion, service); kSigning = HMAC(kService, "aws4_request")

import { createHmac, createSecretKey, hash, timingSafeEqual, type KeyObject } from 'node:crypto';

/** The algorithm name of SigV4 with HMAC-SHA256. */
export const ALGORITHM = 'AWS4-HMAC-SHA256';

const MAX_CACHED_KEYS = 4096;
const cache = new Map<string, Buffer>();

/**
 * The signing key for a secret and a credential scope. Keys are cached per (secret, date, region,
 * service): every request verification needs one, and a key is valid for a whole day.
 */
export function signingKey(secretAccessKey: string, date: string, region: string, service: string): Buffer {
  const cacheKey = `${date}\n${region}\n${service}\n${secretAccessKey}`;
  const cached = cache.get(cacheKey);
  if (cached !== undefined) return cached;
  const kDate = hmac('AWS4' + secretAccessKey, date);
  const kRegion = hmac(kDate, region);
  const kService = hmac(kRegion, service);
  const kSigning = hmac(kService, 'aws4_request');
  if (cache.size >= MAX_CACHED_KEYS) {
    // Evict the oldest entry (Map iterates in insertion order).
    const oldest = cache.keys().next();
    if (oldest.done !== true) cache.delete(oldest.value);
  }
  cache.set(cacheKey, remember(kSigning));
  return kSigning;
}

/**
 * Key objects of the cached signing keys: Node turns a Buffer key into a KeyObject on every
 * `createHmac`, which costs several times the HMAC itself; a cached signing key is converted once.
 */
const keyObjects = new WeakMap<Buffer, KeyObject>();

/** HMAC-SHA256 of data under a key. */
export function hmac(key: string | Buffer, data: string | Buffer): Buffer {
  if (typeof key !== 'string') {
    const object = keyObjects.get(key);
    if (object !== undefined) return createHmac('sha256', object).update(data).digest();
  }
  return createHmac('sha256', key).update(data).digest();
}

/** The signing key as a reusable key object (for keys used many times: the cached signing keys). */
function remember(key: Buffer): Buffer {
  keyObjects.set(key, createSecretKey(key));
  return key;
}

/** Lower-case hex SHA-256 of a string (UTF-8) or bytes. */
export function sha256Hex(data: string | Uint8Array): string {
  return hash('sha256', data, 'hex');
}

/** The hex SHA-256 of an empty payload. */
export const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

/** `AWS4-HMAC-SHA256 \n amzDate \n scope \n hex(SHA256(canonicalRequest))`. */
export function stringToSign(amzDate: string, scope: string, canonicalRequest: string, algorithm = ALGORITHM): string {
  return `${algorithm}\n${amzDate}\n${scope}\n${sha256Hex(canonicalRequest)}`;
}

/** The hex signature of a string under a signing key. */
export function signatureOf(key: Buffer, text: string): string {
  return hmac(key, text).toString('hex');
}

/** Compares two hex signatures in constant time. */
export function signaturesEqual(expected: string, provided: string): boolean {
  if (expected.length !== provided.length) return false;
  return timingSafeEqual(Buffer.from(expected, 'latin1'), Buffer.from(provided, 'latin1'));
}
