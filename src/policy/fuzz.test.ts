// Property tests over the whole engine: any document, valid or not, and any request give an error or a
// decision — never an exception or a hang (DESIGN.md, "Fail closed").
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RequestContext, decide, explain, loadPolicy, prepareRequest, type CompiledPolicy, type PolicySet, type RequestPrincipal } from './index.ts';

const services = ['s3', 'iam', 'sts', 'ec2', 'S3', '*', 'dynamodb', ''];
const action = fc.tuple(fc.constantFrom(...services), fc.stringMatching(/^[A-Za-z*?]{0,12}$/)).map(([s, a]) => `${s}:${a}`);
const arnish = fc.oneof(
  fc.constant('*'),
  fc.stringMatching(/^[a-z*?/:${}.\-]{0,30}$/).map((r) => `arn:aws:s3:::${r}`),
  fc.stringMatching(/^[a-z0-9*?/:.\-]{0,20}$/).map((r) => `arn:aws:iam::111122223333:${r}`),
  fc.string({ maxLength: 20 }),
);
const conditionValue = fc.oneof(fc.string({ maxLength: 12 }), fc.integer(), fc.boolean(), fc.constantFrom('10.0.0.0/8', '::1', '2024-01-01T00:00:00Z', '${aws:username}', '${*}'));
const operator = fc.constantFrom(
  'StringEquals',
  'StringNotLike',
  'ForAllValues:StringLike',
  'ForAnyValue:StringEquals',
  'NumericLessThan',
  'DateGreaterThan',
  'Bool',
  'IpAddress',
  'NotIpAddress',
  'ArnLike',
  'Null',
  'StringEqualsIfExists',
  'BinaryEquals',
  'Bogus',
);
const conditionKey = fc.constantFrom('aws:username', 'aws:SourceIp', 'aws:CurrentTime', 's3:prefix', 'aws:TagKeys', 'aws:PrincipalTag/team', 'x:y');
const condition = fc.dictionary(operator, fc.dictionary(conditionKey, fc.oneof(conditionValue, fc.array(conditionValue, { maxLength: 3 })), { maxKeys: 2 }), { maxKeys: 2 });
const principal = fc.oneof(
  fc.constant('*' as unknown),
  fc.record({ AWS: fc.oneof(fc.constant('*'), fc.constant('111122223333'), fc.constant('arn:aws:iam::111122223333:role/app'), fc.string({ maxLength: 10 })) }),
  fc.record({ Federated: fc.constantFrom('arn:aws:iam::111122223333:oidc-provider/oidc.example.com', 'accounts.google.com') }),
);
const statement = fc.record(
  {
    Sid: fc.stringMatching(/^[A-Za-z0-9]{0,6}$/),
    Effect: fc.constantFrom('Allow', 'Deny', 'allow', 'Maybe'),
    Action: fc.oneof(action, fc.array(action, { maxLength: 3 })),
    NotAction: action,
    Resource: fc.oneof(arnish, fc.array(arnish, { maxLength: 3 })),
    NotResource: arnish,
    Principal: principal,
    Condition: condition,
  },
  { requiredKeys: ['Effect'] },
);
const document = fc.record(
  { Version: fc.constantFrom('2012-10-17', '2008-10-17', '2020-01-01'), Statement: fc.oneof(statement, fc.array(statement, { maxLength: 4 })) },
  { requiredKeys: ['Statement'] },
);
const anyJson = fc.oneof(document, fc.jsonValue({ maxDepth: 4 }));
const policyType = fc.constantFrom('IDENTITY_POLICY', 'RESOURCE_POLICY', 'TRUST_POLICY', 'SERVICE_CONTROL_POLICY', 'SESSION_POLICY', 'PERMISSIONS_BOUNDARY') as fc.Arbitrary<
  'IDENTITY_POLICY' | 'RESOURCE_POLICY' | 'TRUST_POLICY' | 'SERVICE_CONTROL_POLICY' | 'SESSION_POLICY' | 'PERMISSIONS_BOUNDARY'
>;

const principals: RequestPrincipal[] = [
  { type: 'User', arn: 'arn:aws:iam::111122223333:user/alice', accountId: '111122223333' },
  { type: 'AssumedRole', arn: 'arn:aws:sts::111122223333:assumed-role/app/s', accountId: '111122223333', roleArn: 'arn:aws:iam::111122223333:role/app' },
  { type: 'Root', arn: 'arn:aws:iam::444455556666:root', accountId: '444455556666' },
  { type: 'Anonymous', arn: '*' },
  { type: 'WebIdentity', arn: 'accounts.google.com', federatedProvider: 'accounts.google.com', accountId: '111122223333' },
];
const request = fc.record({
  principal: fc.constantFrom(...principals),
  action,
  resource: arnish,
  context: fc.dictionary(conditionKey, fc.oneof(fc.string({ maxLength: 10 }), fc.array(fc.string({ maxLength: 6 }), { maxLength: 3 })), { maxKeys: 4 }),
  resourceAccount: fc.constantFrom(undefined, '111122223333', '444455556666'),
});

describe('Fail closed: random and malformed documents and requests', () => {
  it('every document gives an error list or a compiled policy, and every request a decision', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(anyJson, policyType), { minLength: 1, maxLength: 4 }), request, (docs, req) => {
        const compiled: CompiledPolicy[] = [];
        for (const [json, type] of docs) {
          const loaded = loadPolicy(JSON.stringify(json), { policyType: type, source: { id: 'p', kind: type === 'RESOURCE_POLICY' || type === 'TRUST_POLICY' ? 'ResourcePolicy' : 'IdentityPolicy' } });
          if (loaded.ok) compiled.push(loaded.policy);
          else expect(loaded.errors.length).toBeGreaterThan(0);
        }
        const set: PolicySet = {
          identity: compiled.filter((p) => p.source.kind === 'IdentityPolicy'),
          ...(compiled.find((p) => p.source.kind === 'ResourcePolicy') !== undefined
            ? { resourcePolicy: compiled.find((p) => p.source.kind === 'ResourcePolicy') as CompiledPolicy }
            : {}),
        };
        const prepared = prepareRequest({
          principal: req.principal,
          action: req.action,
          resource: req.resource,
          context: new RequestContext(req.context),
          ...(req.resourceAccount !== undefined ? { resourceAccount: req.resourceAccount } : {}),
        });
        const d = decide(set, prepared);
        expect(['allowed', 'explicitDeny', 'implicitDeny']).toContain(d.decision);
        const why = explain(set, prepared);
        expect(why.decision).toBe(d.decision);
      }),
      { numRuns: 400 },
    );
  });
});
