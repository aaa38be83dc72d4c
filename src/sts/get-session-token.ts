// GetSessionToken (STS API Reference; IAM User Guide, "Permissions for GetSessionToken"): temporary
// credentials for an IAM user or the account root, with the caller's own permissions. No policy can
// allow or deny it; calling it with temporary credentials is refused.
import { awsError } from '../aws/index.ts';
import { operation } from '../api/index.ts';
import type { SessionPrincipalClaims } from '../identity/index.ts';
import { refuseMfa } from './mfa.ts';
import { sessionResponseElements } from './session-audit.ts';
import { sessionTokenDuration } from './session-duration.ts';
import { CREDENTIALS, SERIAL_NUMBER, TOKEN_CODE } from './sts-shapes.ts';
import { issueCredentials } from './temporary-credentials.ts';

const input = {
  type: 'structure',
  members: {
    DurationSeconds: { type: 'integer', min: 900, max: 129600 },
    SerialNumber: SERIAL_NUMBER,
    TokenCode: TOKEN_CODE,
  },
} as const;

const output = { type: 'structure', members: { Credentials: CREDENTIALS }, required: ['Credentials'] } as const;

export const getSessionToken = operation({
  name: 'GetSessionToken',
  input,
  output,
  readOnly: true,
  async run(ctx, req) {
    const caller = ctx.requireCaller();
    if (caller.session !== undefined) throw awsError('AccessDenied', 'Cannot call GetSessionToken with session credentials');
    refuseMfa(req.SerialNumber, req.TokenCode);
    const p = caller.principal;
    if ((p.type !== 'User' && p.type !== 'Root') || p.accountId === undefined) {
      throw awsError('AccessDenied', 'Cannot call GetSessionToken with session credentials', { detail: `caller type ${p.type}` });
    }
    const principal: SessionPrincipalClaims = {
      type: p.type,
      arn: p.arn,
      accountId: p.accountId,
      userId: caller.userId,
      ...(caller.userName !== undefined ? { userName: caller.userName } : {}),
    };
    const duration = sessionTokenDuration(req.DurationSeconds, p.type === 'Root');
    return { Credentials: issueCredentials(ctx.keyring, ctx.now, duration, { p: principal, via: 'GetSessionToken' }) };
  },
  audit: {
    requestParameters: (req) => (req.DurationSeconds !== undefined ? { durationSeconds: req.DurationSeconds } : null),
    responseElements: (out) => sessionResponseElements(out),
  },
});
