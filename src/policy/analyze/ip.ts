// IP addresses and CIDR blocks in IpAddress/NotIpAddress conditions.
// IAM User Guide, "IP address condition operators" (RFC 4632 CIDR, IPv4 and IPv6) and RFC 1918 / RFC 4193
// for the private ranges that aws:SourceIp never carries ("AWS global condition context keys", aws:SourceIp).

/** A parsed CIDR block. */
export interface Cidr {
  readonly version: 4 | 6;
  /** The address as a big integer (32 or 128 bits). */
  readonly address: bigint;
  readonly prefix: number;
}

function parseIpv4(text: string): bigint | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let out = 0n;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part)) return undefined;
    const n = Number(part);
    if (n > 255) return undefined;
    out = (out << 8n) | BigInt(n);
  }
  return out;
}

function parseIpv6(text: string): bigint | undefined {
  if (!/^[0-9a-fA-F:.]+$/.test(text)) return undefined;
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const groups = (s: string): string[] => (s === '' ? [] : s.split(':'));
  const head = groups(halves[0] ?? '');
  const tail = halves.length === 2 ? groups(halves[1] ?? '') : [];
  const all = [...head, ...tail];
  // An embedded IPv4 address takes the last two groups.
  const last = all[all.length - 1];
  let v4: bigint | undefined;
  if (last !== undefined && last.includes('.')) {
    v4 = parseIpv4(last);
    if (v4 === undefined) return undefined;
    all.pop();
  }
  const count = all.length + (v4 === undefined ? 0 : 2);
  if (halves.length === 1 ? count !== 8 : count > 7) return undefined;
  const zeros = 8 - count;
  const hex = [...head.filter((g) => !g.includes('.')), ...Array<string>(halves.length === 2 ? zeros : 0).fill('0'), ...tail.filter((g) => !g.includes('.'))];
  let out = 0n;
  for (const g of hex) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined;
    out = (out << 16n) | BigInt(parseInt(g, 16));
  }
  if (v4 !== undefined) out = (out << 32n) | v4;
  return out;
}

/** Parses `203.0.113.0/24`, `2001:DB8::/32` or a single address. */
export function parseCidr(text: string): Cidr | undefined {
  const slash = text.indexOf('/');
  const addressText = slash < 0 ? text : text.slice(0, slash);
  const prefixText = slash < 0 ? undefined : text.slice(slash + 1);
  const v4 = parseIpv4(addressText);
  const version = v4 !== undefined ? 4 : 6;
  const address = v4 ?? parseIpv6(addressText);
  if (address === undefined) return undefined;
  const bits = version === 4 ? 32 : 128;
  let prefix = bits;
  if (prefixText !== undefined) {
    if (!/^\d{1,3}$/.test(prefixText)) return undefined;
    prefix = Number(prefixText);
    if (prefix > bits) return undefined;
  }
  return { version, address, prefix };
}

function hostMask(cidr: Cidr): bigint {
  const bits = BigInt(cidr.version === 4 ? 32 : 128);
  return (1n << (bits - BigInt(cidr.prefix))) - 1n;
}

/** The block with its host bits cleared, when they are not already zero (`10.0.0.1/8` gives `10.0.0.0/8`). */
export function normalizedCidr(cidr: Cidr): string | undefined {
  const mask = hostMask(cidr);
  if ((cidr.address & mask) === 0n) return undefined;
  return `${formatAddress(cidr.version, cidr.address & ~mask)}/${cidr.prefix}`;
}

function formatAddress(version: 4 | 6, address: bigint): string {
  if (version === 4) return [24n, 16n, 8n, 0n].map((s) => String((address >> s) & 255n)).join('.');
  const groups: string[] = [];
  for (let s = 112n; s >= 0n; s -= 16n) groups.push(((address >> s) & 0xffffn).toString(16));
  // Compress the longest run of zero groups (RFC 5952).
  let bestStart = -1;
  let bestLength = 0;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== '0') {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === '0') j++;
    if (j - i > bestLength && j - i > 1) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j;
  }
  if (bestStart < 0) return groups.join(':');
  return `${groups.slice(0, bestStart).join(':')}::${groups.slice(bestStart + bestLength).join(':')}`;
}

const PRIVATE_RANGES = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '127.0.0.0/8', '169.254.0.0/16', 'fc00::/7', 'fe80::/10', '::1/128']
  .map((r) => parseCidr(r))
  .filter((r): r is Cidr => r !== undefined);

/** True when the whole block lies in a private, loopback or link-local range. */
export function isPrivateCidr(cidr: Cidr): boolean {
  return PRIVATE_RANGES.some((range) => {
    if (range.version !== cidr.version || cidr.prefix < range.prefix) return false;
    const mask = ~hostMask(range);
    return (cidr.address & mask) === (range.address & mask);
  });
}
