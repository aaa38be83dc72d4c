// Which metadata paths are proxied to the real instance metadata service. An allow-list, because the
// dangerous paths keep growing: user-data (often holds secrets), the node's own role credentials
// (`iam/...`, served by the agent per pod instead), the instance identity credentials
// (`identity-credentials/ec2/...`) and the signed identity documents (`dynamic/instance-identity/
// pkcs7|signature|rsa2048`, accepted by services such as Vault's AWS EC2 auth as proof of being the node).
// Entries are paths below the version; `x/*` allows `x`, `x/` and everything under `x/`.

/** The default allow-list: facts about the instance that SDKs and tools read. */
export const DEFAULT_METADATA_ALLOW_LIST: readonly string[] = [
  'meta-data/',
  'meta-data/ami-id',
  'meta-data/ami-launch-index',
  'meta-data/ami-manifest-path',
  'meta-data/autoscaling/*',
  'meta-data/block-device-mapping/*',
  'meta-data/events/*',
  'meta-data/hostname',
  'meta-data/instance-action',
  'meta-data/instance-id',
  'meta-data/instance-life-cycle',
  'meta-data/instance-type',
  'meta-data/ipv6',
  'meta-data/kernel-id',
  'meta-data/local-hostname',
  'meta-data/local-ipv4',
  'meta-data/mac',
  'meta-data/network/*',
  'meta-data/placement/*',
  'meta-data/product-codes',
  'meta-data/public-hostname',
  'meta-data/public-ipv4',
  'meta-data/ramdisk-id',
  'meta-data/reservation-id',
  'meta-data/security-groups',
  'meta-data/services/*',
  'meta-data/spot/*',
  'meta-data/tags/instance/*',
  'dynamic/instance-identity/document',
];

/** Paths no allow-list entry can open. */
const NEVER: readonly RegExp[] = [
  /^user-data(?:\/|$)/,
  /^meta-data\/iam(?:\/|$)/,
  /^meta-data\/identity-credentials(?:\/|$)/,
  /^dynamic\/instance-identity\/(?:pkcs7|signature|rsa2048)(?:\/|$)/,
];

/** A compiled allow-list. */
export interface MetadataAllowList {
  allows(rest: string): boolean;
}

/** Compiles allow-list entries. */
export function compileAllowList(entries: readonly string[]): MetadataAllowList {
  const exact = new Set<string>();
  const prefixes: string[] = [];
  for (const raw of entries) {
    const entry = raw.trim().replace(/^\/+/, '');
    if (entry.endsWith('/*')) {
      const base = entry.slice(0, -2);
      exact.add(base);
      exact.add(`${base}/`);
      prefixes.push(`${base}/`);
    } else if (entry !== '') {
      exact.add(entry);
    }
  }
  return {
    allows(rest) {
      if (NEVER.some((re) => re.test(rest))) return false;
      if (exact.has(rest)) return true;
      return prefixes.some((p) => rest.startsWith(p));
    },
  };
}
