// Who makes a request, and how `Principal`/`NotPrincipal` elements match it.
// IAM User Guide, "AWS JSON policy elements: Principal" and "AWS JSON policy elements: NotPrincipal".
import type { PrincipalElement, PrincipalSet } from './ast.ts';

/** The kinds of caller IAM distinguishes when it evaluates policies. */
export type PrincipalType =
  | 'Root'
  | 'User'
  | 'AssumedRole'
  | 'FederatedUser'
  | 'WebIdentity'
  | 'SAML'
  | 'Service'
  | 'Anonymous';

/** The principal of a request, as the caller's credentials establish it. */
export interface RequestPrincipal {
  readonly type: PrincipalType;
  /**
   * The principal's own ARN: `arn:aws:iam::111122223333:root`, a user ARN, an assumed-role session
   * ARN (`arn:aws:sts::111122223333:assumed-role/Role/session`), a federated-user ARN; for web identity
   * and SAML callers the provider (ARN or domain); for services the service principal; `*` for anonymous.
   */
  readonly arn: string;
  /** The account the principal belongs to (absent for services and anonymous callers). */
  readonly accountId?: string;
  /** For `AssumedRole`: the role's IAM ARN, path included. */
  readonly roleArn?: string;
  /** For `WebIdentity`/`SAML`: the identity provider (ARN, or a domain such as accounts.google.com). */
  readonly federatedProvider?: string;
  /** For `Service`: the service principal, e.g. `ec2.amazonaws.com`. */
  readonly servicePrincipal?: string;
  /** For S3 callers identified by canonical user ID. */
  readonly canonicalUserId?: string;
  /** Service-linked roles are not restricted by SCPs (Organizations User Guide, "Service control policies"). */
  readonly serviceLinkedRole?: boolean;
  /**
   * The user or role has a permissions boundary. `decide` sets it from the policy set when it is not
   * given: a `NotPrincipal` Deny then applies whatever it names (see `compileNotPrincipal`).
   */
  readonly permissionsBoundary?: boolean;
}

/**
 * How a `Principal` element named the caller; it decides what a resource-based policy grants on its own
 * (IAM User Guide, "Policy evaluation logic": resource-based policies naming a user or role session
 * grant directly; naming a role is still limited by boundaries and session policies; naming the
 * account only delegates to identity-based policies).
 */
export type PrincipalMatch = 'wildcard' | 'exact' | 'role' | 'account';

/** A compiled `Principal`/`NotPrincipal` test. `undefined` means the statement does not apply. */
export type PrincipalMatcher = (principal: RequestPrincipal) => PrincipalMatch | undefined;

const ACCOUNT_ID = /^\d{12}$/;
const ROOT_ARN = /^arn:[\w-]+:iam::(\d{12}):root$/;

/** The account an `AWS` principal value names (`111122223333` or `arn:aws:iam::111122223333:root`). */
export function accountOfPrincipalValue(value: string): string | undefined {
  if (ACCOUNT_ID.test(value)) return value;
  return ROOT_ARN.exec(value)?.[1];
}

/** The principals' own names IAM considers when it checks a principal: itself, its role, its account. */
function principalChain(p: RequestPrincipal): string[] {
  const chain = [p.arn];
  if (p.type === 'AssumedRole' && p.roleArn !== undefined) chain.push(p.roleArn);
  return chain;
}

function isAwsPrincipal(p: RequestPrincipal): boolean {
  return p.type === 'Root' || p.type === 'User' || p.type === 'AssumedRole' || p.type === 'FederatedUser';
}

function matchAws(values: ReadonlySet<string>, accounts: ReadonlySet<string>, p: RequestPrincipal): PrincipalMatch | undefined {
  if (values.has('*') && (isAwsPrincipal(p) || p.type === 'Anonymous')) return 'wildcard';
  if (!isAwsPrincipal(p)) return undefined;
  if (values.has(p.arn)) return 'exact';
  if (p.type === 'AssumedRole' && p.roleArn !== undefined && values.has(p.roleArn)) return 'role';
  if (p.accountId !== undefined && accounts.has(p.accountId)) return p.type === 'Root' ? 'exact' : 'account';
  return undefined;
}

const EMPTY: ReadonlySet<string> = new Set();
const setOf = (values: readonly string[]): ReadonlySet<string> => (values.length === 0 ? EMPTY : new Set(values));

function accountsOf(values: readonly string[]): ReadonlySet<string> {
  const accounts = values.map(accountOfPrincipalValue).filter((a): a is string => a !== undefined);
  return setOf(accounts);
}

function compileSet(set: PrincipalSet): PrincipalMatcher {
  if (set.wildcard) return () => 'wildcard';
  // The common trust policy names one federated provider or one service: test it without sets.
  if (set.aws.length === 0 && set.canonicalUser.length === 0) {
    const [federated] = set.federated;
    const [service] = set.service;
    if (set.federated.length === 1 && set.service.length === 0 && federated !== undefined && federated !== '*') {
      return (p) => ((p.type === 'WebIdentity' || p.type === 'SAML') && p.federatedProvider === federated ? 'exact' : undefined);
    }
    if (set.service.length === 1 && set.federated.length === 0 && service !== undefined && service !== '*') {
      return (p) => (p.type === 'Service' && p.servicePrincipal === service ? 'exact' : undefined);
    }
  }
  const aws = setOf(set.aws);
  const accounts = accountsOf(set.aws);
  const federated = setOf(set.federated);
  const service = setOf(set.service);
  const canonical = setOf(set.canonicalUser);
  return (p) => {
    const viaAws = aws.size > 0 ? matchAws(aws, accounts, p) : undefined;
    if (viaAws !== undefined) return viaAws;
    if ((p.type === 'WebIdentity' || p.type === 'SAML') && p.federatedProvider !== undefined) {
      if (federated.has(p.federatedProvider) || federated.has('*')) return 'exact';
    }
    if (p.type === 'Service' && p.servicePrincipal !== undefined) {
      if (service.has(p.servicePrincipal) || service.has('*')) return 'exact';
    }
    if (p.canonicalUserId !== undefined && (canonical.has(p.canonicalUserId) || canonical.has('*'))) return 'exact';
    return undefined;
  };
}

/**
 * `NotPrincipal`: the statement applies unless every identity IAM checks for the caller is named.
 * For a role session these are the session ARN, the role ARN and the account; for a user, the user and
 * the account (IAM User Guide, "NotPrincipal": "you must also include the account ARN"). It always
 * applies to an IAM principal with a permissions boundary ("The NotPrincipal element with a Deny effect
 * will always deny any IAM principal that has a permissions boundary policy attached, regardless of the
 * values specified in the NotPrincipal element").
 */
function compileNotPrincipal(set: PrincipalSet): PrincipalMatcher {
  if (set.wildcard) return () => undefined;
  const aws = setOf(set.aws);
  const accounts = accountsOf(set.aws);
  const positive = compileSet(set);
  return (p) => {
    if (!isAwsPrincipal(p)) return positive(p) === undefined ? 'wildcard' : undefined;
    if (p.permissionsBoundary === true && p.type !== 'Root') return 'wildcard';
    if (aws.has('*')) return undefined;
    const accountNamed = p.accountId !== undefined && accounts.has(p.accountId);
    if (!accountNamed) return 'wildcard';
    if (p.type === 'Root') return undefined;
    for (const name of principalChain(p)) if (!aws.has(name)) return 'wildcard';
    return undefined;
  };
}

/** Compiles a `Principal` or `NotPrincipal` element into a matcher. */
export function compilePrincipal(element: PrincipalElement): PrincipalMatcher {
  return element.kind === 'Principal' ? compileSet(element.principals) : compileNotPrincipal(element.principals);
}
