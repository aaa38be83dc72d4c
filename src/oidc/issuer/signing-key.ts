// The service-account token signing key of a Kubernetes-style issuer: RSA 2048, RS256, its key ID
// derived exactly as kube-apiserver does (pkg/serviceaccount/jwt.go, keyIDFromPublicKey): the unpadded
// base64url of the SHA-256 of the public key's DER-encoded SubjectPublicKeyInfo. Keys are stored as PEM
// (PKCS#8 private key, as written by kube's --service-account-signing-key-file; PKCS#1 is read too) or JWK.
import { createHash, createPrivateKey, createPublicKey } from 'node:crypto';
import { exportJWK, exportPKCS8, exportSPKI, generateKeyPair, importJWK, importPKCS8, importSPKI, type CryptoKey, type JWK } from 'jose';

/** The public half as published in the JWKS (RFC 7517 RSA key). */
export interface RsaPublicJwk {
  readonly kty: 'RSA';
  readonly n: string;
  readonly e: string;
}

/** A signing key ready to mint tokens and to be published. */
export interface ServiceAccountSigningKey {
  readonly kid: string;
  readonly alg: 'RS256';
  readonly privateKey: CryptoKey;
  readonly publicKey: CryptoKey;
  readonly publicJwk: RsaPublicJwk;
}

/** A signing key in storable form. */
export interface StoredSigningKeyPem {
  readonly privateKeyPem: string;
  readonly publicKeyPem: string;
}

function spkiDer(publicKeyPem: string): Buffer {
  return createPublicKey(publicKeyPem).export({ type: 'spki', format: 'der' });
}

/** kube-apiserver's key ID: base64url(SHA-256(DER SubjectPublicKeyInfo)), unpadded. */
export function keyIdFromPublicKeyPem(publicKeyPem: string): string {
  return createHash('sha256').update(spkiDer(publicKeyPem)).digest('base64url');
}

async function assemble(privateKey: CryptoKey, publicKey: CryptoKey): Promise<ServiceAccountSigningKey> {
  const jwk = await exportJWK(publicKey);
  if (jwk.kty !== 'RSA' || jwk.n === undefined || jwk.e === undefined) throw new TypeError('signing key is not an RSA key');
  const kid = keyIdFromPublicKeyPem(await exportSPKI(publicKey));
  return { kid, alg: 'RS256', privateKey, publicKey, publicJwk: { kty: 'RSA', n: jwk.n, e: jwk.e } };
}

/** A fresh RSA-2048 RS256 key pair, extractable so that it can be stored. */
export async function generateSigningKey(): Promise<ServiceAccountSigningKey> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true, modulusLength: 2048 });
  return assemble(privateKey, publicKey);
}

/** The key as PEM: PKCS#8 private key and SPKI public key. */
export async function exportSigningKeyPem(key: ServiceAccountSigningKey): Promise<StoredSigningKeyPem> {
  return { privateKeyPem: await exportPKCS8(key.privateKey), publicKeyPem: await exportSPKI(key.publicKey) };
}

/** Reads a PEM private key (PKCS#8 or PKCS#1 "RSA PRIVATE KEY"); the public half is derived from it. */
export async function importSigningKeyPem(privateKeyPem: string): Promise<ServiceAccountSigningKey> {
  const keyObject = createPrivateKey(privateKeyPem);
  if (keyObject.asymmetricKeyType !== 'rsa') throw new TypeError('service-account signing key must be an RSA key');
  const pkcs8 = keyObject.export({ type: 'pkcs8', format: 'pem' }).toString();
  const spki = createPublicKey(keyObject).export({ type: 'spki', format: 'pem' }).toString();
  const privateKey = await importPKCS8(pkcs8, 'RS256', { extractable: true });
  const publicKey = await importSPKI(spki, 'RS256', { extractable: true });
  return assemble(privateKey, publicKey);
}

/** The key as a private JWK carrying its kid, alg and use. */
export async function exportSigningKeyJwk(key: ServiceAccountSigningKey): Promise<JWK> {
  return { ...(await exportJWK(key.privateKey)), kid: key.kid, alg: 'RS256', use: 'sig' };
}

/** Reads a private RSA JWK; the kid is recomputed from the key, never trusted from the document. */
export async function importSigningKeyJwk(jwk: JWK): Promise<ServiceAccountSigningKey> {
  if (jwk.kty !== 'RSA' || jwk.d === undefined) throw new TypeError('service-account signing key must be a private RSA JWK');
  const privateKey = await importJWK({ ...jwk, alg: 'RS256' }, 'RS256', { extractable: true });
  const { kty, n, e } = jwk;
  const publicKey = await importJWK({ kty, n, e, alg: 'RS256' }, 'RS256', { extractable: true });
  if (privateKey instanceof Uint8Array || publicKey instanceof Uint8Array) throw new TypeError('service-account signing key must be an RSA key');
  return assemble(privateKey, publicKey);
}
