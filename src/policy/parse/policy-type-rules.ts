// What each kind of policy may and must contain. One table, so every rule that differs by policy type
// is visible in one place.
//
// Sources: IAM User Guide, "Grammar of the IAM JSON policy language" (policy grammar notes) and
// "AWS JSON policy elements: Principal" / "NotPrincipal"; Organizations User Guide, "SCP syntax"
// (full IAM language since September 2025, except Principal/NotPrincipal) and "RCP syntax".

import type { PolicyType } from '../ast.ts';

/** Which service answers for a policy type, and so whose error codes and texts apply. */
export type PolicyDialect = 'iam' | 'sts' | 'organizations';

/** The principal keys of a principal map ("Grammar of the IAM JSON policy language": principal_map_entry). */
export type PrincipalKey = 'AWS' | 'Federated' | 'Service' | 'CanonicalUser';

/** The rules one policy type follows. */
export interface PolicyTypeRules {
  readonly dialect: PolicyDialect;
  /** `prohibited`: no Principal/NotPrincipal; `required`: one of them; `wildcard`: exactly `"Principal": "*"`. */
  readonly principal: 'prohibited' | 'required' | 'wildcard';
  /** NotPrincipal is accepted (resource-based policies only). */
  readonly notPrincipal: boolean;
  readonly principalKeys: ReadonlySet<PrincipalKey>;
  /** `required`: Resource or NotResource; `prohibited`: neither (role trust policies). */
  readonly resource: 'required' | 'prohibited';
  readonly notAction: boolean;
  readonly allowEffect: boolean;
  /** Actions restricted to the STS actions a role trust policy may name. */
  readonly trustActions: boolean;
  /** Sid limited to [0-9A-Za-z]* (IAM policies; Organizations policies). */
  readonly alphanumericSid: boolean;
  /** The document must say `"Version": "2012-10-17"`. */
  readonly version2012Required: boolean;
}

const ALL_KEYS: ReadonlySet<PrincipalKey> = new Set<PrincipalKey>(['AWS', 'Federated', 'Service', 'CanonicalUser']);
// CanonicalUser identifies an S3 account; role trust policies take AWS, Federated and Service principals
// ("AWS JSON policy elements: Principal").
const TRUST_KEYS: ReadonlySet<PrincipalKey> = new Set<PrincipalKey>(['AWS', 'Federated', 'Service']);
const NO_KEYS: ReadonlySet<PrincipalKey> = new Set<PrincipalKey>();

const IDENTITY: PolicyTypeRules = {
  dialect: 'iam',
  principal: 'prohibited',
  notPrincipal: false,
  principalKeys: NO_KEYS,
  resource: 'required',
  notAction: true,
  allowEffect: true,
  trustActions: false,
  alphanumericSid: true,
  version2012Required: false,
};

/** The rules for a policy type. */
export function rulesFor(policyType: PolicyType): PolicyTypeRules {
  switch (policyType) {
    case 'IDENTITY_POLICY':
    case 'PERMISSIONS_BOUNDARY':
      return IDENTITY;
    case 'SESSION_POLICY':
      // Session policies passed to AssumeRole* / GetFederationToken are identity-style policies that STS parses.
      return { ...IDENTITY, dialect: 'sts' };
    case 'TRUST_POLICY':
      return {
        dialect: 'iam',
        principal: 'required',
        // "You cannot use the NotPrincipal element in ... an IAM role trust policy" (NotPrincipal page).
        notPrincipal: false,
        principalKeys: TRUST_KEYS,
        resource: 'prohibited',
        notAction: true,
        allowEffect: true,
        trustActions: true,
        alphanumericSid: true,
        version2012Required: false,
      };
    case 'RESOURCE_POLICY':
      // Resource-based policies belong to many services, which allow other Sid characters (grammar notes).
      return {
        dialect: 'iam',
        principal: 'required',
        notPrincipal: true,
        principalKeys: ALL_KEYS,
        resource: 'required',
        notAction: true,
        allowEffect: true,
        trustActions: false,
        alphanumericSid: false,
        version2012Required: false,
      };
    case 'SERVICE_CONTROL_POLICY':
      // "SCP syntax": every SCP includes Version 2012-10-17; Principal and NotPrincipal are not supported.
      return { ...IDENTITY, dialect: 'organizations', version2012Required: true };
    case 'RESOURCE_CONTROL_POLICY':
      // "RCP syntax": Principal must be "*", NotPrincipal and NotAction are not supported, and Allow is
      // reserved for the AWS-managed RCPFullAWSAccess policy, so a customer's RCP only denies.
      return {
        dialect: 'organizations',
        principal: 'wildcard',
        notPrincipal: false,
        principalKeys: NO_KEYS,
        resource: 'required',
        notAction: false,
        allowEffect: false,
        trustActions: false,
        alphanumericSid: true,
        version2012Required: true,
      };
    default: {
      const unknown: never = policyType;
      throw new Error(`unknown policy type ${String(unknown)}`);
    }
  }
}
