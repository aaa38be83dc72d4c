import { expect, it } from 'vitest';
import type { AuditEventRecord, AuditLookup } from './audit-events.ts';
import { StoreInvalidMarker, type Page } from './pagination.ts';
import { at } from './testing/fixtures.ts';
import { storeVariants } from './testing/store-variants.ts';

const variants = storeVariants();

function page<T>(result: Page<T> | StoreInvalidMarker): Page<T> {
  if (result instanceof StoreInvalidMarker) throw new Error(`invalid marker ${result.marker}`);
  return result;
}

function event(eventId: string, seconds: number, overrides: Partial<AuditEventRecord> = {}): AuditEventRecord {
  return {
    eventId,
    eventTime: at(seconds),
    eventName: 'AssumeRoleWithWebIdentity',
    eventSource: 'sts.amazonaws.com',
    accountId: '111122223333',
    principalArn: undefined,
    roleArn: 'arn:aws:iam::111122223333:role/app',
    accessKeyId: undefined,
    errorCode: undefined,
    requestId: `req-${eventId}`,
    sourceIp: '10.0.0.1',
    event: { eventVersion: '1.08', eventID: eventId, requestParameters: { roleSessionName: 's', nested: [1, null, 'x'] } },
    ...overrides,
  };
}

variants.describe('Audit events: one CloudTrail event per call, looked up newest first (CloudTrail API Reference, "LookupEvents")', (stores) => {
  it('an event round-trips whole; appending it again is skipped', async () => {
    const store = await stores.fresh();
    const e = event('e1', 0, { errorCode: 'AccessDenied', accessKeyId: 'ASIAEXAMPLE', principalArn: 'arn:aws:sts::111122223333:assumed-role/app/s' });
    expect(await store.auditEvents.append([e])).toBe(1);
    expect(await store.auditEvents.append([e, event('e2', 1)])).toBe(1);
    expect(await store.auditEvents.get('e1')).toEqual(e);
  });

  it('lookups filter on each attribute and on a time range that includes both ends', async () => {
    const store = await stores.fresh();
    await store.auditEvents.append([
      event('a', 0),
      event('b', 10, { errorCode: 'AccessDenied' }),
      event('c', 20, { eventName: 'GetRole', eventSource: 'iam.amazonaws.com', roleArn: undefined, principalArn: 'arn:aws:iam::111122223333:user/alice', accessKeyId: 'AKIAALICE' }),
      event('d', 30, { accountId: '444455556666' }),
    ]);
    const ids = async (q: Omit<AuditLookup, 'maxResults'>) =>
      page(await store.auditEvents.lookup({ maxResults: 100, ...q })).items.map((e) => e.eventId);
    expect(await ids({})).toEqual(['d', 'c', 'b', 'a']);
    expect(await ids({ startTime: at(10), endTime: at(20) })).toEqual(['c', 'b']);
    expect(await ids({ errorCode: 'AccessDenied' })).toEqual(['b']);
    expect(await ids({ eventName: 'GetRole' })).toEqual(['c']);
    expect(await ids({ eventSource: 'iam.amazonaws.com' })).toEqual(['c']);
    expect(await ids({ principalArn: 'arn:aws:iam::111122223333:user/alice' })).toEqual(['c']);
    expect(await ids({ accessKeyId: 'AKIAALICE' })).toEqual(['c']);
    expect(await ids({ roleArn: 'arn:aws:iam::111122223333:role/app', accountId: '111122223333' })).toEqual(['b', 'a']);
  });

  it('pages through events of the same instant without skipping or repeating', async () => {
    const store = await stores.fresh();
    const events = Array.from({ length: 7 }, (_, i) => event(`e${i}`, i < 4 ? 5 : 6));
    await store.auditEvents.append(events);
    const seen: string[] = [];
    let nextToken: string | undefined;
    do {
      const p = page(await store.auditEvents.lookup({ maxResults: 3, nextToken }));
      seen.push(...p.items.map((e) => e.eventId));
      nextToken = p.marker;
    } while (nextToken !== undefined);
    expect(seen).toEqual(['e6', 'e5', 'e4', 'e3', 'e2', 'e1', 'e0']);
  });

  it('a large batch is appended atomically in several statements; old events age out', async () => {
    const store = await stores.fresh();
    const many = Array.from({ length: 1203 }, (_, i) => event(`m${String(i).padStart(5, '0')}`, i));
    expect(await store.auditEvents.append(many)).toBe(1203);
    expect(await store.auditEvents.deleteBefore(at(1000))).toBe(1000);
    const rest = page(await store.auditEvents.lookup({ maxResults: 1000 }));
    expect(rest.items).toHaveLength(203);
    expect(rest.items.at(-1)?.eventId).toBe('m01000');
  });
});
