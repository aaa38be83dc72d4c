import type { Selectable } from 'kysely';
import { StoreConflict } from './conflict.ts';
import { dateOf, isoText, objectOf, objectText, optionalDateOf, type JsonObject } from './column-codecs.ts';
import type { ClusterSigningKeysTable, ClustersTable } from './schema.ts';
import type { Scope } from './scope.ts';

/** A Kubernetes cluster for which podiam is the service-account token issuer. */
export interface Cluster {
  readonly name: string;
  /** The issuer URL (`iss`), unique across clusters. */
  readonly issuerUrl: string;
  readonly createdAt: Date;
}

/**
 * A key that signs a cluster's service-account tokens. Rotation: a new key signs from its
 * creation; the old one is retired (signs no more) and its public half stays in the JWKS until
 * `expiresPublicAt`, after the last token it signed has expired.
 */
export interface ClusterSigningKey {
  readonly clusterName: string;
  readonly kid: string;
  /** The private key as a JWK. */
  readonly privateJwk: JsonObject;
  /** The public key as a JWK, as the JWKS document serves it. */
  readonly publicJwk: JsonObject;
  readonly createdAt: Date;
  readonly retiredAt: Date | undefined;
  readonly expiresPublicAt: Date | undefined;
}

/** Clusters and their signing keys. */
export interface ClustersRepo {
  get(name: string): Promise<Cluster | undefined>;
  getByIssuer(issuerUrl: string): Promise<Cluster | undefined>;
  all(): Promise<Cluster[]>;
  /** Conflicts on a taken name or issuer URL. */
  insert(cluster: Cluster): Promise<Cluster | StoreConflict>;
  /** Deletes the cluster with its signing keys. */
  delete(name: string): Promise<boolean>;

  /** The cluster's keys, oldest first. */
  signingKeys(clusterName: string): Promise<ClusterSigningKey[]>;
  allSigningKeys(): Promise<ClusterSigningKey[]>;
  insertSigningKey(key: ClusterSigningKey): Promise<ClusterSigningKey | StoreConflict>;
  retireSigningKey(clusterName: string, kid: string, retiredAt: Date, expiresPublicAt: Date): Promise<ClusterSigningKey | undefined>;
  deleteSigningKey(clusterName: string, kid: string): Promise<boolean>;
}

function clusterOf(row: Selectable<ClustersTable>): Cluster {
  return { name: row.name, issuerUrl: row.issuer_url, createdAt: dateOf('cluster', row.created_at) };
}

function signingKeyOf(row: Selectable<ClusterSigningKeysTable>): ClusterSigningKey {
  return {
    clusterName: row.cluster_name,
    kid: row.kid,
    privateJwk: objectOf('cluster-signing-key', row.private_jwk),
    publicJwk: objectOf('cluster-signing-key', row.public_jwk),
    createdAt: dateOf('cluster-signing-key', row.created_at),
    retiredAt: optionalDateOf('cluster-signing-key', row.retired_at),
    expiresPublicAt: optionalDateOf('cluster-signing-key', row.expires_public_at),
  };
}

/** The clusters repository over a scope. */
export function clustersRepo(scope: Scope): ClustersRepo {
  return {
    async get(name) {
      const row = await scope.db.selectFrom('clusters').selectAll().where('name', '=', name).executeTakeFirst();
      return row === undefined ? undefined : clusterOf(row);
    },

    async getByIssuer(issuerUrl) {
      const row = await scope.db.selectFrom('clusters').selectAll().where('issuer_url', '=', issuerUrl).executeTakeFirst();
      return row === undefined ? undefined : clusterOf(row);
    },

    async all() {
      const rows = await scope.db.selectFrom('clusters').selectAll().orderBy('name').execute();
      return rows.map(clusterOf);
    },

    insert(cluster) {
      return scope.write(async (db) => {
        const row = await db
          .insertInto('clusters')
          .values({ name: cluster.name, issuer_url: cluster.issuerUrl, created_at: isoText(cluster.createdAt) })
          .onConflict((oc) => oc.doNothing())
          .returningAll()
          .executeTakeFirst();
        return row === undefined ? new StoreConflict('cluster', cluster.name) : clusterOf(row);
      });
    },

    delete(name) {
      return scope.write(async (db) => {
        const result = await db.deleteFrom('clusters').where('name', '=', name).executeTakeFirst();
        return result.numDeletedRows > 0n;
      });
    },

    async signingKeys(clusterName) {
      const rows = await scope.db
        .selectFrom('cluster_signing_keys')
        .selectAll()
        .where('cluster_name', '=', clusterName)
        .orderBy('created_at')
        .orderBy('kid')
        .execute();
      return rows.map(signingKeyOf);
    },

    async allSigningKeys() {
      const rows = await scope.db
        .selectFrom('cluster_signing_keys')
        .selectAll()
        .orderBy('cluster_name')
        .orderBy('created_at')
        .orderBy('kid')
        .execute();
      return rows.map(signingKeyOf);
    },

    insertSigningKey(key) {
      return scope.write(async (db) => {
        const row = await db
          .insertInto('cluster_signing_keys')
          .values({
            cluster_name: key.clusterName,
            kid: key.kid,
            private_jwk: objectText(key.privateJwk),
            public_jwk: objectText(key.publicJwk),
            created_at: isoText(key.createdAt),
            retired_at: key.retiredAt === undefined ? null : isoText(key.retiredAt),
            expires_public_at: key.expiresPublicAt === undefined ? null : isoText(key.expiresPublicAt),
          })
          .onConflict((oc) => oc.doNothing())
          .returningAll()
          .executeTakeFirst();
        return row === undefined ? new StoreConflict('cluster-signing-key', key.kid) : signingKeyOf(row);
      });
    },

    retireSigningKey(clusterName, kid, retiredAt, expiresPublicAt) {
      return scope.write(async (db) => {
        const row = await db
          .updateTable('cluster_signing_keys')
          .set({ retired_at: isoText(retiredAt), expires_public_at: isoText(expiresPublicAt) })
          .where('cluster_name', '=', clusterName)
          .where('kid', '=', kid)
          .returningAll()
          .executeTakeFirst();
        return row === undefined ? undefined : signingKeyOf(row);
      });
    },

    deleteSigningKey(clusterName, kid) {
      return scope.write(async (db) => {
        const result = await db
          .deleteFrom('cluster_signing_keys')
          .where('cluster_name', '=', clusterName)
          .where('kid', '=', kid)
          .executeTakeFirst();
        return result.numDeletedRows > 0n;
      });
    },
  };
}
