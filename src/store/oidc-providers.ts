import type { Selectable } from 'kysely';
import { StoreConflict, StoreDataError } from './conflict.ts';
import {
  dateOf,
  isoText,
  objectOf,
  objectText,
  setsAnyColumn,
  stringsOf,
  stringsText,
  tagsOf,
  tagsText,
  type JsonObject,
  type Tag,
} from './column-codecs.ts';
import type { OidcProvidersTable } from './schema.ts';
import type { Scope } from './scope.ts';

/** A JSON Web Key Set document (RFC 7517 section 5). */
export interface JwksDocument {
  readonly keys: readonly JsonObject[];
}

/** An IAM OIDC identity provider (`arn:aws:iam::<account>:oidc-provider/<url>`). */
export interface OidcProvider {
  readonly arn: string;
  readonly accountId: string;
  /** The issuer URL without its `https://` scheme, as IAM stores and returns it. */
  readonly url: string;
  /** Audiences (ClientIDList), in the order added. */
  readonly clientIds: readonly string[];
  readonly thumbprints: readonly string[];
  readonly tags: readonly Tag[];
  /**
   * A JWKS podiam holds for an issuer it cannot fetch from (a cluster behind a firewall);
   * undefined when keys are fetched from the issuer's discovery document.
   */
  readonly jwks: JwksDocument | undefined;
  readonly createdAt: Date;
}

/** Fields an update may change (Add/RemoveClientID…, UpdateOpenIDConnectProviderThumbprint, tags). */
export interface OidcProviderPatch {
  readonly clientIds?: readonly string[];
  readonly thumbprints?: readonly string[];
  readonly tags?: readonly Tag[];
  readonly jwks?: JwksDocument | null;
}

/** IAM OIDC providers, keyed by ARN. */
export interface OidcProvidersRepo {
  get(arn: string): Promise<OidcProvider | undefined>;
  /** The account's providers, by ARN (ListOpenIDConnectProviders does not paginate). */
  list(accountId: string): Promise<OidcProvider[]>;
  all(): Promise<OidcProvider[]>;
  insert(provider: OidcProvider): Promise<OidcProvider | StoreConflict>;
  update(arn: string, patch: OidcProviderPatch): Promise<OidcProvider | undefined>;
  delete(arn: string): Promise<boolean>;
}

function jwksOf(text: string): JwksDocument {
  const document = objectOf('oidc-provider', text);
  const keys = document['keys'];
  if (!Array.isArray(keys)) throw new StoreDataError('oidc-provider', 'JWKS without keys');
  return {
    keys: keys.map((k: unknown) => {
      if (typeof k !== 'object' || k === null || Array.isArray(k)) throw new StoreDataError('oidc-provider', 'JWKS key');
      return k as JsonObject;
    }),
  };
}

function oidcProviderOf(row: Selectable<OidcProvidersTable>): OidcProvider {
  return {
    arn: row.arn,
    accountId: row.account_id,
    url: row.url,
    clientIds: stringsOf('oidc-provider', row.client_ids),
    thumbprints: stringsOf('oidc-provider', row.thumbprints),
    tags: tagsOf('oidc-provider', row.tags),
    jwks: row.jwks === null ? undefined : jwksOf(row.jwks),
    createdAt: dateOf('oidc-provider', row.created_at),
  };
}

/** The OIDC providers repository over a scope. */
export function oidcProvidersRepo(scope: Scope): OidcProvidersRepo {
  const get = async (arn: string): Promise<OidcProvider | undefined> => {
    const row = await scope.db.selectFrom('oidc_providers').selectAll().where('arn', '=', arn).executeTakeFirst();
    return row === undefined ? undefined : oidcProviderOf(row);
  };
  return {
    get,

    async list(accountId) {
      const rows = await scope.db.selectFrom('oidc_providers').selectAll().where('account_id', '=', accountId).orderBy('arn').execute();
      return rows.map(oidcProviderOf);
    },

    async all() {
      const rows = await scope.db.selectFrom('oidc_providers').selectAll().orderBy('arn').execute();
      return rows.map(oidcProviderOf);
    },

    insert(provider) {
      return scope.write(async (db) => {
        const row = await db
          .insertInto('oidc_providers')
          .values({
            arn: provider.arn,
            account_id: provider.accountId,
            url: provider.url,
            client_ids: stringsText(provider.clientIds),
            thumbprints: stringsText(provider.thumbprints),
            tags: tagsText(provider.tags),
            jwks: provider.jwks === undefined ? null : objectText({ keys: provider.jwks.keys }),
            created_at: isoText(provider.createdAt),
          })
          .onConflict((oc) => oc.doNothing())
          .returningAll()
          .executeTakeFirst();
        return row === undefined ? new StoreConflict('oidc-provider', provider.arn) : oidcProviderOf(row);
      });
    },

    update(arn, patch) {
      const { jwks } = patch;
      const set = {
        client_ids: patch.clientIds === undefined ? undefined : stringsText(patch.clientIds),
        thumbprints: patch.thumbprints === undefined ? undefined : stringsText(patch.thumbprints),
        tags: patch.tags === undefined ? undefined : tagsText(patch.tags),
        jwks: jwks === undefined ? undefined : jwks === null ? null : objectText({ keys: jwks.keys }),
      };
      if (!setsAnyColumn(set)) return get(arn);
      return scope.write(async (db) => {
        const row = await db.updateTable('oidc_providers').set(set).where('arn', '=', arn).returningAll().executeTakeFirst();
        return row === undefined ? undefined : oidcProviderOf(row);
      });
    },

    delete(arn) {
      return scope.write(async (db) => {
        const result = await db.deleteFrom('oidc_providers').where('arn', '=', arn).executeTakeFirst();
        return result.numDeletedRows > 0n;
      });
    },
  };
}
