// Test support: a service's operations run in process, as the server's front door runs them — input
// decoded and validated by the operation's shape (from JSON, or from Query parameters written the way
// botocore writes them), a call context over an in-memory store with the compiled snapshot,
// authorization by the policy engine, and the snapshot rebuilt after writes.
import { awsError, decodeJsonInput, decodeQueryInput, isAwsError, type AwsError, type StructureShape } from '../../aws/index.ts';
import {
  accessDeniedMessage,
  authorizeCall,
  buildSnapshot,
  newUniqueId,
  PolicyMemo,
  type Caller,
  type IamSnapshot,
  type RequestFacts,
  type SessionKeyring,
} from '../../identity/index.ts';
import { openStore, type Store } from '../../store/index.ts';
import type { AuditNotes, CallContext } from '../call-context.ts';
import type { Operation, ServiceDefinition } from '../operation.ts';

/** The account root's credentials (the root may do everything in its own account). */
export function rootOf(accountId: string): Caller {
  return { secretAccessKey: 'x', accessKeyId: `AKIA${accountId}ROOT`, principal: { type: 'Root', arn: `arn:aws:iam::${accountId}:root`, accountId }, userId: accountId, tags: {} };
}

/** An outcome of one call: the output, or the AWS error. */
export type Outcome = { ok: true; output: Record<string, unknown> | undefined; notes: AuditNotes } | { ok: false; error: AwsError };

/** A store with some accounts, and one service. */
export interface ServiceWorld {
  readonly store: Store;
  readonly service: ServiceDefinition;
  snapshot(): IamSnapshot;
  call(operation: string, input: Record<string, unknown>, caller?: Caller): Promise<Outcome>;
  /** Like `call`, but the output, or throws the error. */
  ok(operation: string, input: Record<string, unknown>, caller?: Caller): Promise<Record<string, unknown>>;
  /** Like `call`, but the error; throws when the call succeeds. */
  fails(operation: string, input: Record<string, unknown>, caller?: Caller): Promise<AwsError>;
  /** An IAM user in the account with these inline policy documents, as a caller. */
  user(accountId: string, name: string, policies: readonly object[]): Promise<Caller>;
  close(): Promise<void>;
}

/** How the world is made. */
export interface ServiceWorldOptions {
  readonly service: ServiceDefinition;
  /** The accounts created first; the first is the management account and the default caller's. */
  readonly accounts: readonly [string, ...string[]];
  /** How the service's wire protocol carries input: JSON documents, or Query parameters. */
  readonly protocol: 'json' | 'query';
}

/** Query parameters of a structured input: `A.B`, lists `A.member.N` (an empty list `A=`). */
function queryParams(value: unknown, prefix: string, out: Map<string, string>): Map<string, string> {
  if (Array.isArray(value)) {
    if (value.length === 0) out.set(prefix, '');
    value.forEach((v: unknown, i) => queryParams(v, `${prefix}.member.${i + 1}`, out));
  } else if (value instanceof Date) {
    out.set(prefix, value.toISOString());
  } else if (typeof value === 'object' && value !== null) {
    for (const [k, v] of Object.entries(value)) queryParams(v, prefix === '' ? k : `${prefix}.${k}`, out);
  } else if (value !== undefined) {
    out.set(prefix, String(value));
  }
  return out;
}

const keyring = { current: { id: 1, key: Buffer.alloc(32) }, byId: new Map() } satisfies SessionKeyring;

/** Opens the world. */
export async function serviceWorld(options: ServiceWorldOptions): Promise<ServiceWorld> {
  const { service, accounts, protocol } = options;
  const management = accounts[0];
  const store = await openStore({ kind: 'sqlite', path: ':memory:' });
  const now = new Date();
  for (const id of accounts) {
    await store.accounts.insert({ id, name: `account ${id}`, email: `${id}@example.com`, organizationId: undefined, parentId: undefined, status: 'ACTIVE', joinedMethod: 'CREATED', createdAt: now });
  }
  const memo = new PolicyMemo();
  let snapshot: IamSnapshot = await buildSnapshot(store, memo);

  const call = async (name: string, input: Record<string, unknown>, caller: Caller = rootOf(management)): Promise<Outcome> => {
    const op: Operation | undefined = service.operations.get(name);
    if (op === undefined) throw new Error(`no operation ${name}`);
    const shape = op.input as StructureShape;
    const decoded = protocol === 'json' ? decodeJsonInput(input, shape) : decodeQueryInput(queryParams(input, '', new Map()), shape);
    if (!decoded.ok) return { ok: false, error: decoded.error };
    const notes: AuditNotes = { resources: [] };
    const facts: RequestFacts = { sourceIp: '127.0.0.1', secureTransport: false, region: 'us-east-1', now: new Date(), userAgent: 'test' };
    const ctx: CallContext = {
      requestId: 'req',
      now: facts.now,
      caller,
      facts,
      region: 'us-east-1',
      get snapshot() {
        return snapshot;
      },
      store,
      keyring,
      settings: { publicBaseUrl: 'http://127.0.0.1', managementAccountId: management, defaultRegion: 'us-east-1' },
      audit: notes,
      authorize(query) {
        const result = authorizeCall(snapshot, caller, facts, query);
        if (result.decision.decision === 'allowed') return;
        const message =
          result.explanation === undefined
            ? `User: ${caller.principal.arn} is not authorized to perform: ${query.action} on resource: ${query.resource}`
            : accessDeniedMessage(caller.principal.arn, query.action, query.resource, result.explanation);
        throw awsError('AccessDenied', message);
      },
      async refresh() {
        snapshot = await buildSnapshot(store, memo);
        return snapshot;
      },
      requireCaller: () => caller,
    };
    try {
      const output = (await op.run(ctx, decoded.value as never)) as Record<string, unknown> | undefined;
      return { ok: true, output, notes };
    } catch (err) {
      if (isAwsError(err)) return { ok: false, error: err };
      throw err;
    }
  };

  return {
    store,
    service,
    snapshot: () => snapshot,
    call,
    async ok(name, input, caller) {
      const outcome = await call(name, input, caller);
      if (!outcome.ok) throw new Error(`${name} failed: ${outcome.error.code}: ${outcome.error.message}`);
      return outcome.output ?? {};
    },
    async fails(name, input, caller) {
      const outcome = await call(name, input, caller);
      if (outcome.ok) throw new Error(`${name} succeeded: ${JSON.stringify(outcome.output)}`);
      return outcome.error;
    },
    async user(accountId, name, policies) {
      const userId = newUniqueId('AIDA');
      await store.users.insert({ userId, accountId, name, path: '/', permissionsBoundaryArn: undefined, tags: [], createdAt: new Date() });
      for (const [i, doc] of policies.entries()) {
        await store.inlinePolicies.put({ principalId: userId, principalType: 'user', accountId, policyName: `p${i}`, document: JSON.stringify(doc) });
      }
      snapshot = await buildSnapshot(store, memo);
      return { secretAccessKey: 'x', accessKeyId: newUniqueId('AKIA'), principal: { type: 'User', arn: `arn:aws:iam::${accountId}:user/${name}`, accountId }, userId, userName: name, tags: {} };
    },
    close: () => store.close(),
  };
}
