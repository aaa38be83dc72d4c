// Stored private JWKs imported once per key: importing an RSA key costs far more than signing with it.
import type { JWK } from 'jose';
import { importSigningKeyJwk, type ServiceAccountSigningKey } from '../oidc/index.ts';
import type { ClusterSigningKey } from '../store/index.ts';

const LIMIT = 1000;

/** Imported signing keys by cluster and kid. */
export class SigningKeyMemo {
  readonly #keys = new Map<string, Promise<ServiceAccountSigningKey>>();

  /** The stored key ready to sign; its kid is recomputed from the key and must be the stored one. */
  get(stored: ClusterSigningKey): Promise<ServiceAccountSigningKey> {
    const id = `${stored.clusterName}\u0000${stored.kid}`;
    let entry = this.#keys.get(id);
    if (entry === undefined) {
      if (this.#keys.size >= LIMIT) this.#keys.clear();
      entry = importSigningKeyJwk(stored.privateJwk as JWK).then((key) => {
        if (key.kid !== stored.kid) throw new Error(`stored signing key ${stored.kid} of ${stored.clusterName} has kid ${key.kid}`);
        return key;
      });
      entry.catch(() => this.#keys.delete(id));
      this.#keys.set(id, entry);
    }
    return entry;
  }
}
