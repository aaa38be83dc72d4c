import { StoreDataError, type StoreEntity } from './conflict.ts';
import { objectOf } from './column-codecs.ts';
import type { JsonText } from './schema.ts';

/**
 * The unique IDs (AIDA…, AROA…) that the IAM user and role ARNs named as principals of a resource-based
 * policy had when the policy was saved, by ARN as written (IAM User Guide, "AWS JSON policy elements:
 * Principal": such an ARN is transformed into the entity's unique principal ID on save).
 */
export type PrincipalIds = ReadonlyMap<string, string>;

const NONE: PrincipalIds = new Map();

/** Writes bound principal IDs; NULL when there are none. */
export function principalIdsText(ids: PrincipalIds | undefined): JsonText | null {
  return ids === undefined || ids.size === 0 ? null : JSON.stringify(Object.fromEntries(ids));
}

/** Reads bound principal IDs written by `principalIdsText`. */
export function principalIdsOf(entity: StoreEntity, text: JsonText | null): PrincipalIds {
  if (text === null) return NONE;
  const ids = new Map<string, string>();
  for (const [arn, id] of Object.entries(objectOf(entity, text))) {
    if (typeof id !== 'string') throw new StoreDataError(entity, 'principal ID is not a string');
    ids.set(arn, id);
  }
  return ids;
}
