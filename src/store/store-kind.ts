/** The two backends of the store; they hold the same schema and behave the same. */
export type StoreKind = 'sqlite' | 'postgres';
