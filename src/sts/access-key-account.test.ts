import { describe, expect, it } from 'vitest';
import { accessKeyIdForAccount, accountOfAccessKeyId } from './access-key-account.ts';

describe('STS API Reference, "GetAccessKeyInfo": the account is encoded in the access key ID', () => {
  it('decodes the account of a published AWS temporary key ID', () => {
    // A key ID published in research on AWS's key layout, with the account it belongs to.
    expect(accountOfAccessKeyId('ASIAY34FZKBOKMUTVV7A')).toBe('609629065308');
  });
  it('mints ASIA key IDs of 20 characters that decode to their account', () => {
    for (const account of ['000000000001', '123456789012', '999999999999', '210987654321']) {
      const id = accessKeyIdForAccount('ASIA', account);
      expect(id).toMatch(/^ASIA[A-Z2-7]{16}$/);
      expect(accountOfAccessKeyId(id)).toBe(account);
    }
  });
  it('mints a different key ID each time for the same account', () => {
    const ids = new Set(Array.from({ length: 50 }, () => accessKeyIdForAccount('ASIA', '123456789012')));
    expect(ids.size).toBe(50);
  });
  it('answers undefined for text that is not a 20-character key ID', () => {
    expect(accountOfAccessKeyId('ASIA1234')).toBeUndefined();
    expect(accountOfAccessKeyId('asiay34fzkbokmutvv7a')).toBeUndefined();
    expect(accountOfAccessKeyId('ASIAY34FZKBOKMUTVV7A0')).toBeUndefined();
  });
});
