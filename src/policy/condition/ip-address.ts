// IP addresses and CIDR blocks as the IpAddress/NotIpAddress operators read them. IAM User Guide, "IAM
// JSON policy elements: Condition operators" (IP address condition operators): values are IPv4 or IPv6
// addresses or ranges "in the standard CIDR format (for example, 203.0.113.0/24 or
// 2001:DB8:1234:5678::/64). If you specify an IP address without the associated routing prefix, IAM
// uses the default prefix value of /32" (for IPv6, /128). IPv4 is dotted decimal with no leading zeros;
// IPv6 is RFC 4291 text (`::` once, an IPv4 tail allowed, hex in either case, no zone). An IPv4-mapped
// IPv6 address (`::ffff:203.0.113.7`) is the IPv4 address it maps, and a mapped block (`::ffff:0:0/96`
// and longer prefixes) covers the IPv4 addresses it maps; a mapped request address also matches IPv6
// blocks that contain it. Host bits below the prefix are ignored (`203.0.113.7/24` is `203.0.113.0/24`).

/** An address: its IPv4 value (-1 when none) and its IPv6 value (undefined for a plain IPv4 address). */
export interface IpAddress {
  readonly v4: number;
  readonly v6: bigint | undefined;
}

/** A CIDR block as inclusive numeric ranges, in IPv4 and/or IPv6 space. */
export interface IpBlock {
  readonly v4: readonly [number, number] | undefined;
  readonly v6: readonly [bigint, bigint] | undefined;
}

const OCTET = /^(?:0|[1-9]\d{0,2})$/;
const HEXTET = /^[0-9a-fA-F]{1,4}$/;
const PREFIX = /^(?:0|[1-9]\d{0,2})$/;
const MAPPED_HIGH = 0xffffn;
const LOW_32 = 0xffffffffn;

/** The IPv4 address as an unsigned 32-bit number, or -1. */
export function parseIPv4(text: string): number {
  const parts = text.split('.');
  if (parts.length !== 4) return -1;
  let value = 0;
  for (const part of parts) {
    if (!OCTET.test(part)) return -1;
    const octet = Number(part);
    if (octet > 255) return -1;
    value = value * 256 + octet;
  }
  return value;
}

/** The IPv6 address as a 128-bit number, or undefined. */
export function parseIPv6(text: string): bigint | undefined {
  const gap = text.indexOf('::');
  if (gap >= 0 && text.indexOf('::', gap + 1) >= 0) return undefined;
  const head = gap >= 0 ? text.slice(0, gap) : text;
  const tail = gap >= 0 ? text.slice(gap + 2) : '';
  const headWords = words(head, gap < 0);
  const tailWords = words(tail, true);
  if (headWords === undefined || tailWords === undefined) return undefined;
  const count = headWords.length + tailWords.length;
  if (gap < 0 ? count !== 8 : count > 7) return undefined;
  let value = 0n;
  for (const word of headWords) value = (value << 16n) | BigInt(word);
  for (let i = count; i < 8; i++) value <<= 16n;
  for (const word of tailWords) value = (value << 16n) | BigInt(word);
  return value;
}

/** The 16-bit words of colon-separated groups; an IPv4 tail is allowed when the groups end the address. */
function words(text: string, endsAddress: boolean): number[] | undefined {
  if (text === '') return [];
  const groups = text.split(':');
  const out: number[] = [];
  for (const [i, group] of groups.entries()) {
    if (HEXTET.test(group)) {
      out.push(Number.parseInt(group, 16));
      continue;
    }
    if (!endsAddress || i !== groups.length - 1) return undefined;
    const v4 = parseIPv4(group);
    if (v4 < 0) return undefined;
    out.push(Math.floor(v4 / 65536), v4 % 65536);
  }
  return out;
}

function isMapped(v6: bigint): boolean {
  return v6 >> 32n === MAPPED_HIGH;
}

/** Reads one address (no prefix), or undefined. */
export function parseIpAddress(text: string): IpAddress | undefined {
  if (!text.includes(':')) {
    const v4 = parseIPv4(text);
    return v4 < 0 ? undefined : { v4, v6: undefined };
  }
  const v6 = parseIPv6(text);
  if (v6 === undefined) return undefined;
  return { v4: isMapped(v6) ? Number(v6 & LOW_32) : -1, v6 };
}

/** Reads an address or CIDR block, or undefined. */
export function parseIpBlock(text: string): IpBlock | undefined {
  const slash = text.indexOf('/');
  const addressText = slash < 0 ? text : text.slice(0, slash);
  const prefixText = slash < 0 ? undefined : text.slice(slash + 1);
  if (prefixText !== undefined && !PREFIX.test(prefixText)) return undefined;
  if (!addressText.includes(':')) {
    const v4 = parseIPv4(addressText);
    const prefix = prefixText === undefined ? 32 : Number(prefixText);
    if (v4 < 0 || prefix > 32) return undefined;
    return { v4: v4Range(v4, prefix), v6: undefined };
  }
  const v6 = parseIPv6(addressText);
  const prefix = prefixText === undefined ? 128 : Number(prefixText);
  if (v6 === undefined || prefix > 128) return undefined;
  const size = 1n << BigInt(128 - prefix);
  const low = v6 - (v6 % size);
  const high = low + size - 1n;
  const v4 = prefix >= 96 && isMapped(low) ? v4Range(Number(low & LOW_32), prefix - 96) : undefined;
  return { v4, v6: [low, high] };
}

function v4Range(address: number, prefix: number): readonly [number, number] {
  const size = 2 ** (32 - prefix);
  const low = address - (address % size);
  return [low, low + size - 1];
}
