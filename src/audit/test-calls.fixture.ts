// Test support: callers and finished calls as the server hands them to the recorder.
import type { CallRecord } from '../api/index.ts';
import type { Caller, SessionClaims } from '../identity/index.ts';

export const ACCOUNT = '111122223333';
export const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/team/app-role`;
export const ROLE_ID = 'AROAEXAMPLEROLEID123';
export const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
export const ISSUED = new Date(Date.UTC(2025, 0, 15, 12, 0, 0));

/** The account root's long-term key. */
export function rootCaller(): Caller {
  return {
    secretAccessKey: SECRET,
    accessKeyId: 'AKIAROOTEXAMPLE00001',
    principal: { type: 'Root', arn: `arn:aws:iam::${ACCOUNT}:root`, accountId: ACCOUNT },
    userId: ACCOUNT,
    tags: {},
  };
}

/** An IAM user's long-term key. */
export function userCaller(): Caller {
  return {
    secretAccessKey: SECRET,
    accessKeyId: 'AKIAUSEREXAMPLE00001',
    principal: { type: 'User', arn: `arn:aws:iam::${ACCOUNT}:user/Alice`, accountId: ACCOUNT },
    userId: 'AIDAJ45Q7YFFAREXAMPLE',
    userName: 'Alice',
    tags: {},
  };
}

/** Session claims of a role session (AssumeRole, or AssumeRoleWithWebIdentity when `web` is given). */
export function roleSession(overrides: Partial<SessionClaims> = {}): SessionClaims {
  return {
    akid: 'ASIASESSIONEXAMPLE01',
    sk: 'sessionSecretKeyEXAMPLEsessionSecretKey0',
    iat: ISSUED.getTime() / 1000,
    exp: ISSUED.getTime() / 1000 + 3600,
    p: {
      type: 'AssumedRole',
      arn: `arn:aws:sts::${ACCOUNT}:assumed-role/app-role/my-session`,
      accountId: ACCOUNT,
      roleArn: ROLE_ARN,
      roleId: ROLE_ID,
      sessionName: 'my-session',
      userId: `${ROLE_ID}:my-session`,
    },
    via: 'AssumeRole',
    ...overrides,
  };
}

/** A role session's caller. */
export function roleCaller(session: SessionClaims = roleSession()): Caller {
  return {
    secretAccessKey: session.sk,
    accessKeyId: session.akid,
    principal: { type: 'AssumedRole', arn: session.p.arn, accountId: session.p.accountId, roleArn: ROLE_ARN },
    userId: session.p.userId,
    tags: {},
    session,
    roleArn: ROLE_ARN,
  };
}

/** A finished call with sensible defaults. */
export function call(overrides: Partial<CallRecord> = {}): CallRecord {
  return {
    requestId: 'c0ffee00-0000-4000-8000-000000000001',
    eventTime: new Date(Date.UTC(2025, 0, 15, 12, 30, 45, 678)),
    eventSource: 'iam.amazonaws.com',
    eventName: 'GetRole',
    region: 'us-east-1',
    sourceIp: '192.0.2.10',
    userAgent: 'aws-cli/1.45.11',
    readOnly: true,
    eventCategory: 'Management',
    caller: userCaller(),
    requestParameters: { RoleName: 'app-role' },
    responseElements: null,
    notes: { resources: [] },
    ...overrides,
  };
}
