// A JWKS podiam holds for an issuer it cannot reach (a cluster behind a firewall registered with its
// `kubectl get --raw /openid/v1/jwks` output): checked by the same rules as a fetched one (IAM User
// Guide, "Create an OpenID Connect (OIDC) identity provider in IAM": at least one key, at most 100 RSA
// and 100 EC keys) and compiled once per document object.
import { parseKeySet, type CompiledKeySet } from './issuer-documents.ts';

type Held = { readonly ok: true; readonly value: CompiledKeySet } | { readonly ok: false; readonly reason: string };

const compiled = new WeakMap<object, Held>();

/** The held JWKS compiled into a key selector; the same document object is compiled only once. */
export function heldKeySet(jwks: object): Held {
  let entry = compiled.get(jwks);
  if (entry === undefined) {
    entry = parseKeySet(jwks);
    compiled.set(jwks, entry);
  }
  return entry;
}

/** Checks a JWKS document before it is stored; returns how many signing keys STS would use, or why none. */
export function checkJwksDocument(json: unknown): { readonly ok: true; readonly keyIds: readonly string[] } | { readonly ok: false; readonly reason: string } {
  const parsed = parseKeySet(json);
  return parsed.ok ? { ok: true, keyIds: [...parsed.value.keyIds] } : parsed;
}
