import { StoreDataError, type StoreEntity } from './conflict.ts';
import type { Flag, IsoText, JsonText } from './schema.ts';

// Conversions between the domain records of the typed API and the columns of the schema
// (conventions in schema.ts). Reads validate: a row that does not parse throws StoreDataError.

/** An IAM or Organizations tag. */
export interface Tag {
  readonly key: string;
  readonly value: string;
}

/** A JSON object (a JWK, a CloudTrail event), kept as parsed data. */
export type JsonObject = Readonly<Record<string, unknown>>;

/** Writes a timestamp; an invalid Date throws (RangeError) rather than storing garbage. */
export function isoText(date: Date): IsoText {
  return date.toISOString();
}

/** Reads a timestamp written by `isoText`. */
export function dateOf(entity: StoreEntity, text: IsoText): Date {
  const date = new Date(text);
  if (Number.isNaN(date.getTime())) throw new StoreDataError(entity, `timestamp ${JSON.stringify(text)}`);
  return date;
}

/** Reads a nullable timestamp; NULL is undefined. */
export function optionalDateOf(entity: StoreEntity, text: IsoText | null): Date | undefined {
  return text === null ? undefined : dateOf(entity, text);
}

/** Writes a boolean as 0/1. */
export function flag(value: boolean): Flag {
  return value ? 1 : 0;
}

/** Reads a 0/1 column. */
export function flagOf(entity: StoreEntity, value: Flag): boolean {
  if (value !== 0 && value !== 1) throw new StoreDataError(entity, `flag ${String(value)}`);
  return value === 1;
}

/** Reads a text column restricted to a closed set of values (a status, a type). */
export function oneOf<const T extends string>(entity: StoreEntity, allowed: readonly T[], value: string): T {
  const found = allowed.find((a) => a === value);
  if (found === undefined) throw new StoreDataError(entity, `unexpected value ${JSON.stringify(value)}`);
  return found;
}

/** Reads a nullable text column; NULL is undefined. */
export function optional(value: string | null): string | undefined {
  return value ?? undefined;
}

function parseJson(entity: StoreEntity, text: JsonText): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new StoreDataError(entity, 'JSON column does not parse');
  }
}

/** Writes tags in the order given (IAM returns them in that order). */
export function tagsText(tags: readonly Tag[]): JsonText {
  return JSON.stringify(tags.map((t) => ({ key: t.key, value: t.value })));
}

/** Reads tags written by `tagsText`. */
export function tagsOf(entity: StoreEntity, text: JsonText): Tag[] {
  const parsed = parseJson(entity, text);
  if (!Array.isArray(parsed)) throw new StoreDataError(entity, 'tags are not a list');
  return parsed.map((t: unknown) => {
    if (typeof t !== 'object' || t === null || !('key' in t) || !('value' in t)) throw new StoreDataError(entity, 'tag');
    const { key, value } = t;
    if (typeof key !== 'string' || typeof value !== 'string') throw new StoreDataError(entity, 'tag');
    return { key, value };
  });
}

/** Writes a list of strings. */
export function stringsText(values: readonly string[]): JsonText {
  return JSON.stringify(values);
}

/** Reads a list of strings written by `stringsText`. */
export function stringsOf(entity: StoreEntity, text: JsonText): string[] {
  const parsed = parseJson(entity, text);
  if (!Array.isArray(parsed) || !parsed.every((v): v is string => typeof v === 'string')) {
    throw new StoreDataError(entity, 'expected a list of strings');
  }
  return parsed;
}

/** Writes a JSON object. */
export function objectText(value: JsonObject): JsonText {
  return JSON.stringify(value);
}

/** Reads a JSON object written by `objectText`. */
export function objectOf(entity: StoreEntity, text: JsonText): JsonObject {
  const parsed = parseJson(entity, text);
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new StoreDataError(entity, 'expected a JSON object');
  }
  return parsed as JsonObject;
}

/**
 * Whether an update sets any column. Kysely leaves undefined values out of SET, and an update
 * with nothing to set is invalid SQL, so such a patch is answered with a read instead.
 */
export function setsAnyColumn(set: Readonly<Record<string, unknown>>): boolean {
  return Object.values(set).some((v) => v !== undefined);
}
