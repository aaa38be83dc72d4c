// The shapes of podiam's clusters API. Cluster names follow Amazon EKS's CreateCluster (1-100 characters,
// `^[0-9A-Za-z][A-Za-z0-9\-_]*`); Kubernetes object names follow the API server's validation: a namespace
// is a DNS label (RFC 1123, at most 63 characters), a ServiceAccount, pod or node name a DNS subdomain
// (at most 253) — Kubernetes Documentation, "Object Names and IDs".

const DNS_LABEL = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';

export const CLUSTER_NAME = { type: 'string', min: 1, max: 100, pattern: '[0-9A-Za-z][A-Za-z0-9\\-_]*' } as const;
export const NAMESPACE = { type: 'string', min: 1, max: 63, pattern: DNS_LABEL } as const;
export const DNS_SUBDOMAIN = { type: 'string', min: 1, max: 253, pattern: `${DNS_LABEL}(\\.${DNS_LABEL})*` } as const;
export const OBJECT_UID = { type: 'string', min: 1, max: 128 } as const;
export const ISSUER_URL = { type: 'string', min: 1, max: 255 } as const;
/** A JWKS document as JSON text (`kubectl get --raw /openid/v1/jwks`). */
export const JWKS_TEXT = { type: 'string', min: 1, max: 262144 } as const;
/** An audience, as an IAM OIDC provider client ID (1-255 characters). */
export const AUDIENCE = { type: 'string', min: 1, max: 255 } as const;

export const OBJECT_REF = {
  type: 'structure',
  members: { Name: DNS_SUBDOMAIN, Uid: OBJECT_UID },
  required: ['Name'],
} as const;

export const SIGNING_KEY = {
  type: 'structure',
  members: {
    KeyId: { type: 'string' },
    /** ACTIVE signs tokens; PENDING is published ahead of signing; RETIRED is published for tokens it signed. */
    Status: { type: 'string', enum: ['ACTIVE', 'PENDING', 'RETIRED'] },
    CreatedAt: { type: 'timestamp' },
    RetiredAt: { type: 'timestamp' },
    PublishedUntil: { type: 'timestamp' },
  },
} as const;

export const CLUSTER = {
  type: 'structure',
  members: {
    Name: { type: 'string' },
    Arn: { type: 'string' },
    CreatedAt: { type: 'timestamp' },
    /** The service-account token issuer (`iss`); for podiam's clusters, `<public base URL>/oidc/<name>`. */
    Issuer: { type: 'string' },
    /** `podiam`: podiam signs the tokens and serves the issuer; `external`: the cluster's own API server does. */
    IssuerType: { type: 'string', enum: ['podiam', 'external'] },
    /** The IAM OIDC provider for the issuer in the caller's account, if there is one. */
    OidcProviderArn: { type: 'string' },
    /** The key IDs a verifier can use now: podiam's published keys, or the JWKS held for an external issuer. */
    KeyIds: { type: 'list', member: { type: 'string' } },
    SigningKeys: { type: 'list', member: SIGNING_KEY },
  },
} as const;
