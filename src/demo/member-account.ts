// Seed 001's second account, made as on AWS: an organization (created when the management account has
// none), a member account from Organizations CreateAccount (reused by name on later runs), administered
// through the OrganizationAccountAccessRole that CreateAccount puts in it, assumed by the demo's caller
// (podiam's administrator user). The account root may not assume roles: a caller that is the root (a
// data directory from before the administrator user) goes through an IAM administrator it creates.
import {
  CreateAccountCommand,
  CreateOrganizationCommand,
  DescribeCreateAccountStatusCommand,
  DescribeOrganizationCommand,
  ListAccountsCommand,
  type OrganizationsClient,
} from '@aws-sdk/client-organizations';
import { AssumeRoleCommand } from '@aws-sdk/client-sts';
import { failureOf } from './aws-failure.ts';
import type { Credentials, DemoContext } from './demo-context.ts';
import { ensureUserWithKey } from './iam-setup.ts';

const ADMINISTRATOR_ACCESS = 'arn:aws:iam::aws:policy/AdministratorAccess';
/** The management account's IAM user that administers member accounts for the demo. */
export const DEMO_OPERATOR = 'podiam-demo-operator';

/** The organization of the management account, created with all features when there is none. */
async function ensureOrganization(orgs: OrganizationsClient): Promise<'created' | 'reused'> {
  try {
    await orgs.send(new DescribeOrganizationCommand({}));
    return 'reused';
  } catch (err) {
    if (failureOf(err).code !== 'AWSOrganizationsNotInUseException') throw err;
  }
  await orgs.send(new CreateOrganizationCommand({ FeatureSet: 'ALL' }));
  return 'created';
}

/** The ID of the organization's account with this name, if there is one. */
async function findAccount(orgs: OrganizationsClient, name: string): Promise<string | undefined> {
  let token: string | undefined;
  do {
    const page = await orgs.send(new ListAccountsCommand({ ...(token !== undefined ? { NextToken: token } : {}) }));
    const found = page.Accounts?.find((a) => a.Name === name && a.Status === 'ACTIVE');
    if (found?.Id !== undefined) return found.Id;
    token = page.NextToken;
  } while (token !== undefined);
  return undefined;
}

/** Creates the account and waits for CreateAccount to finish. */
async function createAccount(orgs: OrganizationsClient, name: string): Promise<string> {
  const request = await orgs.send(new CreateAccountCommand({ AccountName: name, Email: `${name.replace(/[^\w.+-]/g, '-')}@example.com` }));
  let status = request.CreateAccountStatus;
  for (let i = 0; i < 50 && status?.State === 'IN_PROGRESS'; i += 1) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    status = (await orgs.send(new DescribeCreateAccountStatusCommand({ CreateAccountRequestId: status.Id ?? '' }))).CreateAccountStatus;
  }
  if (status?.State !== 'SUCCEEDED' || status.AccountId === undefined) {
    throw new Error(`CreateAccount ${name}: ${status?.State ?? 'no status'}${status?.FailureReason !== undefined ? ` (${status.FailureReason})` : ''}`);
  }
  return status.AccountId;
}

/** A member account of the demo's organization, by name, and its administrator's session. */
export async function memberAccount(ctx: DemoContext, name: string): Promise<{ accountId: string; admin: Credentials }> {
  const orgs = ctx.admin.organizations;
  const organization = await ensureOrganization(orgs);
  ctx.log.info(`organization of ${ctx.managementAccount}: ${organization}`);
  let accountId = await findAccount(orgs, name);
  if (accountId === undefined) {
    accountId = await createAccount(orgs, name);
    ctx.log.info(`account ${name}: created by Organizations CreateAccount, ID ${accountId}`);
  } else {
    ctx.log.info(`account ${name}: reused, ID ${accountId}`);
  }
  const role = `arn:aws:iam::${accountId}:role/OrganizationAccountAccessRole`;
  const assume = new AssumeRoleCommand({ RoleArn: role, RoleSessionName: 'podiam-demo' });
  let assumed;
  let via = 'the demo\'s caller';
  try {
    assumed = await ctx.admin.sts.send(assume);
  } catch (err) {
    if (failureOf(err).message !== 'Roles may not be assumed by root accounts.') throw err;
    const operator = await ensureUserWithKey(ctx.admin.iam, DEMO_OPERATOR, { attach: [ADMINISTRATOR_ACCESS] });
    assumed = await ctx.clientsFor(operator.keys).sts.send(assume);
    via = `user ${DEMO_OPERATOR}, as the root may not assume roles`;
  }
  const c = assumed.Credentials;
  ctx.log.info(`administering ${name} as ${assumed.AssumedRoleUser?.Arn ?? role} (${via} assumed OrganizationAccountAccessRole)`);
  return { accountId, admin: { accessKeyId: c?.AccessKeyId ?? '', secretAccessKey: c?.SecretAccessKey ?? '', sessionToken: c?.SessionToken } };
}
