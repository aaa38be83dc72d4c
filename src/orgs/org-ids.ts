// Identifiers in Organizations' formats (Organizations API Reference, "Organization", "Root", "Policy",
// "Account": `o-` and 10–32 lower-case letters or digits, `r-` and 4–32, `p-` and 8–128, 12 digits).
import { randomBytes, randomInt } from 'node:crypto';

const LOWER_ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789';

function randomText(length: number): string {
  let out = '';
  for (const b of randomBytes(length)) out += LOWER_ALNUM[b % LOWER_ALNUM.length];
  return out;
}

/** A new organization ID: `o-` and 10 characters. */
export function newOrganizationId(): string {
  return `o-${randomText(10)}`;
}

/** A new root ID: `r-` and 4 characters. */
export function newRootId(): string {
  return `r-${randomText(4)}`;
}

/** A new customer policy ID: `p-` and 8 characters. */
export function newPolicyId(): string {
  return `p-${randomText(8)}`;
}

/** A new 12-digit account ID. */
export function newAccountId(): string {
  let out = '';
  for (let i = 0; i < 12; i += 1) out += String(randomInt(10));
  return out;
}

/** A request ID that names nothing (failed CreateAccount requests): `car-` and 28 characters. */
export function newRequestId(): string {
  return `car-${randomText(28)}`;
}
