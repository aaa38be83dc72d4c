import { describe, expect, it } from 'vitest';
import { parseIpAddress, parseIpBlock, parseIPv4, parseIPv6 } from './ip-address.ts';

describe('IAM JSON policy elements: Condition operators — IP address condition operators: addresses', () => {
  it('reads dotted-decimal IPv4', () => {
    expect(parseIPv4('0.0.0.0')).toBe(0);
    expect(parseIPv4('255.255.255.255')).toBe(2 ** 32 - 1);
    expect(parseIPv4('203.0.113.7')).toBe(((203 * 256 + 0) * 256 + 113) * 256 + 7);
  });

  it('refuses malformed IPv4', () => {
    for (const text of ['', '1.2.3', '1.2.3.4.5', '1.2.3.256', '01.2.3.4', '1..3.4', ' 1.2.3.4', '1.2.3.4 ', '+1.2.3.4', '0x1.2.3.4']) {
      expect(parseIPv4(text), text).toBe(-1);
    }
  });

  it('reads IPv6 in its RFC 4291 forms', () => {
    expect(parseIPv6('::')).toBe(0n);
    expect(parseIPv6('::1')).toBe(1n);
    expect(parseIPv6('1::')).toBe(1n << 112n);
    expect(parseIPv6('2001:DB8::8:800:200C:417A')).toBe(0x20010db8000000000008080020_0c417an);
    expect(parseIPv6('2001:db8:0:0:8:800:200c:417a')).toBe(parseIPv6('2001:DB8::8:800:200C:417A'));
    expect(parseIPv6('::ffff:192.0.2.1')).toBe(0xffffc0000201n);
    expect(parseIPv6('1:2:3:4:5:6:7::')).toBe(parseIPv6('1:2:3:4:5:6:7:0'));
  });

  it('refuses malformed IPv6', () => {
    for (const text of [':', ':::', '1:2', '1::2::3', '1:2:3:4:5:6:7:8:9', '1:2:3:4:5:6:7:8::', '12345::', 'g::', '::1.2.3.4:5', '1.2.3.4::', 'fe80::1%eth0', '::ffff:1.2.3']) {
      expect(parseIPv6(text), text).toBeUndefined();
    }
  });

  it('sees an IPv4-mapped IPv6 address as its IPv4 address too', () => {
    expect(parseIpAddress('::ffff:203.0.113.7')).toEqual({ v4: parseIPv4('203.0.113.7'), v6: 0xffffcb007107n });
    expect(parseIpAddress('::203.0.113.7')?.v4).toBe(-1);
  });
});

describe('IAM JSON policy elements: Condition operators — IP address condition operators: CIDR blocks', () => {
  it('an address without a prefix is /32 (IPv4) or /128 (IPv6)', () => {
    expect(parseIpBlock('203.0.113.7')).toEqual({ v4: [parseIPv4('203.0.113.7'), parseIPv4('203.0.113.7')], v6: undefined });
    expect(parseIpBlock('2001:db8::1')).toEqual({ v4: undefined, v6: [parseIPv6('2001:db8::1'), parseIPv6('2001:db8::1')] });
  });

  it('reads the range a prefix covers, ignoring host bits', () => {
    expect(parseIpBlock('203.0.113.77/24')?.v4).toEqual([parseIPv4('203.0.113.0'), parseIPv4('203.0.113.255')]);
    expect(parseIpBlock('0.0.0.0/0')?.v4).toEqual([0, 2 ** 32 - 1]);
    expect(parseIpBlock('2001:db8::/32')?.v6).toEqual([parseIPv6('2001:db8::'), parseIPv6('2001:db8:ffff:ffff:ffff:ffff:ffff:ffff')]);
  });

  it('a mapped IPv6 block covers IPv4 addresses', () => {
    expect(parseIpBlock('::ffff:203.0.113.0/120')?.v4).toEqual([parseIPv4('203.0.113.0'), parseIPv4('203.0.113.255')]);
    expect(parseIpBlock('::ffff:0:0/96')?.v4).toEqual([0, 2 ** 32 - 1]);
    expect(parseIpBlock('::/0')?.v4).toBeUndefined();
  });

  it('refuses malformed blocks', () => {
    for (const text of ['203.0.113.0/33', '203.0.113.0/', '203.0.113.0/-1', '203.0.113.0/08', '203.0.113.0/24/8', '::/129', 'x/8', '/8']) {
      expect(parseIpBlock(text), text).toBeUndefined();
    }
  });
});
