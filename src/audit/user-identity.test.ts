import { describe, expect, it } from 'vitest';
import { ACCOUNT, ISSUED, ROLE_ARN, ROLE_ID, roleCaller, roleSession, rootCaller, userCaller } from './test-calls.fixture.ts';
import { userIdentityOf } from './user-identity.ts';

const creationDate = ISSUED.toISOString().replace(/\.\d{3}Z$/, 'Z');

describe('CloudTrail userIdentity element: long-term credentials', () => {
  it('the root user: type Root, the account as principalId', () => {
    expect(userIdentityOf(rootCaller(), { resources: [] })).toEqual({
      type: 'Root',
      principalId: ACCOUNT,
      arn: `arn:aws:iam::${ACCOUNT}:root`,
      accountId: ACCOUNT,
      accessKeyId: 'AKIAROOTEXAMPLE00001',
    });
  });

  it('an IAM user: type IAMUser with the user ID and userName', () => {
    expect(userIdentityOf(userCaller(), { resources: [] })).toEqual({
      type: 'IAMUser',
      principalId: 'AIDAJ45Q7YFFAREXAMPLE',
      arn: `arn:aws:iam::${ACCOUNT}:user/Alice`,
      accountId: ACCOUNT,
      accessKeyId: 'AKIAUSEREXAMPLE00001',
      userName: 'Alice',
    });
  });
});

describe('CloudTrail userIdentity element: temporary security credentials', () => {
  it('a role session: AssumedRole with the role as sessionIssuer, webIdFederationData {} and attributes', () => {
    expect(userIdentityOf(roleCaller(), { resources: [] })).toEqual({
      type: 'AssumedRole',
      principalId: `${ROLE_ID}:my-session`,
      arn: `arn:aws:sts::${ACCOUNT}:assumed-role/app-role/my-session`,
      accountId: ACCOUNT,
      accessKeyId: 'ASIASESSIONEXAMPLE01',
      sessionContext: {
        sessionIssuer: { type: 'Role', principalId: ROLE_ID, arn: ROLE_ARN, accountId: ACCOUNT, userName: 'app-role' },
        webIdFederationData: {},
        attributes: { creationDate, mfaAuthenticated: 'false' },
      },
    });
  });

  it('a web identity session names the provider in webIdFederationData', () => {
    const provider = `arn:aws:iam::${ACCOUNT}:oidc-provider/oidc.example.com/id/ABC`;
    const identity = userIdentityOf(roleCaller(roleSession({ via: 'AssumeRoleWithWebIdentity', web: { provider, sub: 'system:serviceaccount:ns:sa', aud: 'sts.amazonaws.com' } })), {
      resources: [],
    });
    expect(identity.sessionContext?.webIdFederationData).toEqual({ federatedProvider: provider, attributes: {} });
  });

  it('MFA and a source identity appear in the session context', () => {
    const identity = userIdentityOf(roleCaller(roleSession({ mfa: true, si: 'alice@example.com' })), { resources: [] });
    expect(identity.sessionContext?.attributes.mfaAuthenticated).toBe('true');
    expect(identity.sessionContext?.sourceIdentity).toBe('alice@example.com');
  });

  it('GetSessionToken credentials of a user: IAMUser with an ASIA key and a session context without issuer', () => {
    const session = roleSession({
      via: 'GetSessionToken',
      p: { type: 'User', arn: `arn:aws:iam::${ACCOUNT}:user/Alice`, accountId: ACCOUNT, userId: 'AIDAJ45Q7YFFAREXAMPLE', userName: 'Alice' },
    });
    const identity = userIdentityOf(
      {
        secretAccessKey: session.sk,
        accessKeyId: session.akid,
        principal: { type: 'User', arn: session.p.arn, accountId: ACCOUNT },
        userId: session.p.userId,
        userName: 'Alice',
        tags: {},
        session,
      },
      { resources: [] },
    );
    expect(identity).toMatchObject({ type: 'IAMUser', accessKeyId: 'ASIASESSIONEXAMPLE01', userName: 'Alice' });
    expect(identity.sessionContext).toEqual({ sessionIssuer: {}, webIdFederationData: {}, attributes: { creationDate, mfaAuthenticated: 'false' } });
  });

  it('a federated user: type FederatedUser with its ARN', () => {
    const session = roleSession({
      via: 'GetFederationToken',
      p: { type: 'FederatedUser', arn: `arn:aws:sts::${ACCOUNT}:federated-user/Bob`, accountId: ACCOUNT, userId: `${ACCOUNT}:Bob` },
    });
    const identity = userIdentityOf(
      { secretAccessKey: session.sk, accessKeyId: session.akid, principal: { type: 'FederatedUser', arn: session.p.arn, accountId: ACCOUNT }, userId: `${ACCOUNT}:Bob`, tags: {}, session },
      { resources: [] },
    );
    expect(identity).toMatchObject({ type: 'FederatedUser', principalId: `${ACCOUNT}:Bob`, arn: `arn:aws:sts::${ACCOUNT}:federated-user/Bob` });
  });
});

describe('CloudTrail userIdentity element: unsigned calls (Values for AWS STS APIs with SAML and web identity federation)', () => {
  it('AssumeRoleWithWebIdentity: the WebIdentityUser the operation noted', () => {
    const noted = { type: 'WebIdentityUser', principalId: 'arn:aws:iam::111122223333:oidc-provider/x:aud:sub', userName: 'sub', identityProvider: 'arn:aws:iam::111122223333:oidc-provider/x' };
    expect(userIdentityOf(undefined, { resources: [], userIdentity: noted })).toEqual(noted);
  });

  it('a call refused before any identity was established: type Unknown', () => {
    expect(userIdentityOf(undefined, { resources: [] })).toEqual({ type: 'Unknown' });
  });
});
