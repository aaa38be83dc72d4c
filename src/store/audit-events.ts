import { CompiledQuery, type Selectable } from 'kysely';
import { dateOf, isoText, objectOf, objectText, optional, type JsonObject } from './column-codecs.ts';
import { decodeMarker, toPage, type Page, type StoreInvalidMarker } from './pagination.ts';
import type { AuditEventsTable } from './schema.ts';
import type { Scope } from './scope.ts';
import type { StoreKind } from './store-kind.ts';

/**
 * One CloudTrail-format event, with the fields lookups filter on lifted out of it. The event
 * document itself is kept whole.
 */
export interface AuditEventRecord {
  readonly eventId: string;
  readonly eventTime: Date;
  readonly eventName: string;
  /** e.g. `sts.amazonaws.com`. */
  readonly eventSource: string;
  /** recipientAccountId. */
  readonly accountId: string | undefined;
  /** userIdentity.arn of the caller, when known. */
  readonly principalArn: string | undefined;
  /** The role assumed or acted on, when there is one. */
  readonly roleArn: string | undefined;
  readonly accessKeyId: string | undefined;
  readonly errorCode: string | undefined;
  readonly requestId: string;
  readonly sourceIp: string;
  /** The whole CloudTrail event. */
  readonly event: JsonObject;
}

/**
 * An event whose document is already JSON text: how events cross from the server's thread to the
 * audit writer's (a string is copied at once; a nested object is cloned member by member).
 */
export interface EncodedAuditEvent extends Omit<AuditEventRecord, 'event'> {
  readonly eventText: string;
}

/** The encoded form of an event. */
export function encodeAuditEvent(e: AuditEventRecord): EncodedAuditEvent {
  const { event, ...fields } = e;
  return { ...fields, eventText: objectText(event) };
}

/**
 * A lookup, newest first as CloudTrail's LookupEvents returns them. Every given attribute must
 * match; the time range includes both ends.
 */
export interface AuditLookup {
  readonly startTime?: Date | undefined;
  readonly endTime?: Date | undefined;
  readonly accountId?: string | undefined;
  readonly principalArn?: string | undefined;
  readonly roleArn?: string | undefined;
  readonly accessKeyId?: string | undefined;
  readonly eventName?: string | undefined;
  readonly eventSource?: string | undefined;
  readonly errorCode?: string | undefined;
  readonly maxResults: number;
  readonly nextToken?: string | undefined;
}

/** Audit events: appended, looked up, aged out. None of these writes raise the revision. */
export interface AuditEventsRepo {
  /** Appends events atomically; an event id already stored is skipped. Returns how many were new. */
  append(events: readonly AuditEventRecord[]): Promise<number>;
  /** `append` for events already encoded. */
  appendEncoded(events: readonly EncodedAuditEvent[]): Promise<number>;
  get(eventId: string): Promise<AuditEventRecord | undefined>;
  /** A page of events; `marker` is the next token. */
  lookup(query: AuditLookup): Promise<Page<AuditEventRecord> | StoreInvalidMarker>;
  /** Deletes events older than `time`; returns how many. */
  deleteBefore(time: Date): Promise<number>;
}

// Rows per INSERT: 12 parameters each stays well under SQLite's 32766 and PostgreSQL's 65535.
const insertBatch = 100;

const COLUMNS = [
  'event_id',
  'event_time',
  'event_name',
  'event_source',
  'account_id',
  'principal_arn',
  'role_arn',
  'access_key_id',
  'error_code',
  'request_id',
  'source_ip',
  'event',
] as const;

// Audit events are the store's one high-rate write (one per request): the INSERT is written once per
// row count and sent as it is, rather than built through the query builder for every batch, which
// cost four times the database's own work. Placeholders are each dialect's own (`?` for SQLite,
// `$n` for PostgreSQL).
const insertTexts = new Map<string, string>();
function insertText(kind: StoreKind, rows: number): string {
  const key = `${kind}:${rows}`;
  let text = insertTexts.get(key);
  if (text === undefined) {
    const placeholder = (n: number) => (kind === 'postgres' ? `$${n}` : '?');
    const tuples = Array.from({ length: rows }, (_, r) => `(${COLUMNS.map((_c, c) => placeholder(r * COLUMNS.length + c + 1)).join(', ')})`);
    text = `insert into audit_events (${COLUMNS.join(', ')}) values ${tuples.join(', ')} on conflict (event_id) do nothing`;
    insertTexts.set(key, text);
  }
  return text;
}

function rowParameters(e: EncodedAuditEvent): unknown[] {
  return [
    e.eventId,
    isoText(e.eventTime),
    e.eventName,
    e.eventSource,
    e.accountId ?? null,
    e.principalArn ?? null,
    e.roleArn ?? null,
    e.accessKeyId ?? null,
    e.errorCode ?? null,
    e.requestId,
    e.sourceIp,
    e.eventText,
  ];
}

function auditEventOf(row: Selectable<AuditEventsTable>): AuditEventRecord {
  return {
    eventId: row.event_id,
    eventTime: dateOf('audit-event', row.event_time),
    eventName: row.event_name,
    eventSource: row.event_source,
    accountId: optional(row.account_id),
    principalArn: optional(row.principal_arn),
    roleArn: optional(row.role_arn),
    accessKeyId: optional(row.access_key_id),
    errorCode: optional(row.error_code),
    requestId: row.request_id,
    sourceIp: row.source_ip,
    event: objectOf('audit-event', row.event),
  };
}

/** The audit events repository over a scope. */
export function auditEventsRepo(scope: Scope): AuditEventsRepo {
  const listing = 'audit';
  const repo: AuditEventsRepo = {
    append(events) {
      return repo.appendEncoded(events.map(encodeAuditEvent));
    },

    appendEncoded(events) {
      if (events.length === 0) return Promise.resolve(0);
      return scope.append(async (db) => {
        let inserted = 0;
        for (let i = 0; i < events.length; i += insertBatch) {
          const chunk = events.slice(i, i + insertBatch);
          const result = await db.executeQuery(CompiledQuery.raw(insertText(scope.kind, chunk.length), chunk.flatMap(rowParameters)));
          inserted += Number(result.numAffectedRows ?? 0n);
        }
        return inserted;
      });
    },

    async get(eventId) {
      const row = await scope.db.selectFrom('audit_events').selectAll().where('event_id', '=', eventId).executeTakeFirst();
      return row === undefined ? undefined : auditEventOf(row);
    },

    async lookup(q) {
      let query = scope.db.selectFrom('audit_events').selectAll();
      if (q.startTime !== undefined) query = query.where('event_time', '>=', isoText(q.startTime));
      if (q.endTime !== undefined) query = query.where('event_time', '<=', isoText(q.endTime));
      if (q.accountId !== undefined) query = query.where('account_id', '=', q.accountId);
      if (q.principalArn !== undefined) query = query.where('principal_arn', '=', q.principalArn);
      if (q.roleArn !== undefined) query = query.where('role_arn', '=', q.roleArn);
      if (q.accessKeyId !== undefined) query = query.where('access_key_id', '=', q.accessKeyId);
      if (q.eventName !== undefined) query = query.where('event_name', '=', q.eventName);
      if (q.eventSource !== undefined) query = query.where('event_source', '=', q.eventSource);
      if (q.errorCode !== undefined) query = query.where('error_code', '=', q.errorCode);
      if (q.nextToken !== undefined) {
        const after = decodeMarker(listing, 2, q.nextToken);
        if (!Array.isArray(after)) return after;
        const [time = '', id = ''] = after;
        query = query.where((eb) =>
          eb.or([eb('event_time', '<', time), eb.and([eb('event_time', '=', time), eb('event_id', '<', id)])]),
        );
      }
      const rows = await query.orderBy('event_time', 'desc').orderBy('event_id', 'desc').limit(q.maxResults + 1).execute();
      return toPage(listing, rows, q.maxResults, (r) => [r.event_time, r.event_id], auditEventOf);
    },

    deleteBefore(time) {
      return scope.append(async (db) => {
        const result = await db.deleteFrom('audit_events').where('event_time', '<', isoText(time)).executeTakeFirst();
        return Number(result.numDeletedRows);
      });
    },
  };
  return repo;
}
