import type { Selectable } from 'kysely';
import { StoreConflict } from './conflict.ts';
import { dateOf, isoText } from './column-codecs.ts';
import type { AccountAliasesTable } from './schema.ts';
import type { Scope } from './scope.ts';

/** An account's alias (IAM API Reference, "CreateAccountAlias"): unique across accounts, one per account. */
export interface AccountAlias {
  readonly alias: string;
  readonly accountId: string;
  readonly createdAt: Date;
}

/** Account aliases. */
export interface AccountAliasesRepo {
  /** The alias the account holds, if any. */
  ofAccount(accountId: string): Promise<AccountAlias | undefined>;
  /** Who holds an alias. */
  get(alias: string): Promise<AccountAlias | undefined>;
  /**
   * Gives the account this alias in place of the one it held; a conflict (and nothing changed)
   * when any account, this one included, already holds the alias.
   */
  set(alias: AccountAlias): Promise<AccountAlias | StoreConflict>;
  /** Removes the account's alias if it is this one; false otherwise. */
  delete(accountId: string, alias: string): Promise<boolean>;
  all(): Promise<AccountAlias[]>;
}

function accountAliasOf(row: Selectable<AccountAliasesTable>): AccountAlias {
  return { alias: row.alias, accountId: row.account_id, createdAt: dateOf('account-alias', row.created_at) };
}

/** The account aliases repository over a scope. */
export function accountAliasesRepo(scope: Scope): AccountAliasesRepo {
  return {
    async ofAccount(accountId) {
      const row = await scope.db.selectFrom('account_aliases').selectAll().where('account_id', '=', accountId).executeTakeFirst();
      return row === undefined ? undefined : accountAliasOf(row);
    },

    async get(alias) {
      const row = await scope.db.selectFrom('account_aliases').selectAll().where('alias', '=', alias).executeTakeFirst();
      return row === undefined ? undefined : accountAliasOf(row);
    },

    set(alias) {
      return scope.write(async (db) => {
        const taken = await db.selectFrom('account_aliases').select('alias').where('alias', '=', alias.alias).executeTakeFirst();
        if (taken !== undefined) return new StoreConflict('account-alias', alias.alias);
        await db.deleteFrom('account_aliases').where('account_id', '=', alias.accountId).execute();
        // Another replica may have taken the alias since the check: the primary key refuses it.
        const row = await db
          .insertInto('account_aliases')
          .values({ alias: alias.alias, account_id: alias.accountId, created_at: isoText(alias.createdAt) })
          .onConflict((oc) => oc.doNothing())
          .returningAll()
          .executeTakeFirst();
        return row === undefined ? new StoreConflict('account-alias', alias.alias) : accountAliasOf(row);
      });
    },

    delete(accountId, alias) {
      return scope.write(async (db) => {
        const result = await db.deleteFrom('account_aliases').where('account_id', '=', accountId).where('alias', '=', alias).executeTakeFirst();
        return result.numDeletedRows > 0n;
      });
    },

    async all() {
      const rows = await scope.db.selectFrom('account_aliases').selectAll().orderBy('alias').execute();
      return rows.map(accountAliasOf);
    },
  };
}
