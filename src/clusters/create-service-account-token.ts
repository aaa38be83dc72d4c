// CreateServiceAccountToken: a projected service-account token exactly as kube-apiserver mints one for a
// kubelet TokenRequest (iss, sub system:serviceaccount:NS:SA, aud, exp, iat, nbf, jti and the
// kubernetes.io object with namespace, service account, pod and node), signed by the cluster's current
// key. Kubernetes API reference, "TokenRequest": expirationSeconds defaults to 3600 here (the projected
// volume default), may not be under 600 ("may not specify a duration less than 10 minutes"), and is
// capped by the issuer's maximum (48 hours) as --service-account-max-token-expiration caps it.
// A due scheduled rotation happens here, before signing. The cluster's API audience is its issuer URL
// (kube-apiserver's --api-audiences default), so a pod-bound 3607-second token for that audience is
// extended to the maximum with a `warnafter` claim, and ExpirationTimestamp reports the requested
// expiry, as TokenRequest's status.expirationTimestamp does.
import { randomUUID } from 'node:crypto';
import { awsError } from '../aws/index.ts';
import { operation } from '../api/index.ts';
import { MIN_EXPIRATION_SECONDS, mintServiceAccountToken } from '../oidc/index.ts';
import { authorizeCluster, requireCluster } from './cluster-resource.ts';
import { AUDIENCE, CLUSTER_NAME, DNS_SUBDOMAIN, NAMESPACE, OBJECT_REF, OBJECT_UID } from './cluster-shapes.ts';
import { KEY_ROTATION_POLICY, keySchedule } from './key-schedule.ts';
import { STS_CLIENT_ID } from './oidc-provider-association.ts';
import type { SigningKeyMemo } from './signing-key-memo.ts';
import { newSigningKey, rotateIfDue } from './signing-keys.ts';

const input = {
  type: 'structure',
  members: {
    ClusterName: CLUSTER_NAME,
    Namespace: NAMESPACE,
    ServiceAccount: DNS_SUBDOMAIN,
    ServiceAccountUid: OBJECT_UID,
    Audiences: { type: 'list', member: AUDIENCE, min: 1, max: 100 },
    ExpirationSeconds: { type: 'long' },
    Pod: OBJECT_REF,
    Node: OBJECT_REF,
  },
  required: ['ClusterName', 'Namespace', 'ServiceAccount'],
} as const;

const output = {
  type: 'structure',
  members: {
    Token: { type: 'string' },
    ExpirationTimestamp: { type: 'timestamp' },
    KeyId: { type: 'string' },
    Issuer: { type: 'string' },
  },
} as const;

const DEFAULT_EXPIRATION_SECONDS = 3600;

/** The operation over a memo of imported signing keys (one per server). */
export function createServiceAccountToken(memo: SigningKeyMemo) {
  return operation({
    name: 'CreateServiceAccountToken',
    input,
    output,
    readOnly: false,
    async run(ctx, req) {
      // Condition keys podiam adds, so that a policy can limit whose tokens a principal may mint.
      authorizeCluster(ctx, 'CreateServiceAccountToken', req.ClusterName, {
        'podiam:namespace': req.Namespace,
        'podiam:serviceaccount': req.ServiceAccount,
      });
      const expirationSeconds = req.ExpirationSeconds ?? DEFAULT_EXPIRATION_SECONDS;
      if (expirationSeconds < MIN_EXPIRATION_SECONDS) {
        throw awsError('InvalidParameterException', `spec.expirationSeconds: Invalid value: ${expirationSeconds}: may not specify a duration less than 10 minutes`);
      }
      if (expirationSeconds > 2 ** 32) {
        throw awsError('InvalidParameterException', `spec.expirationSeconds: Invalid value: ${expirationSeconds}: may not specify a duration larger than 2^32 seconds`);
      }
      const cluster = await requireCluster(ctx.store, req.ClusterName);
      let keys = await ctx.store.clusters.signingKeys(cluster.name);
      if (keys.length === 0) {
        throw awsError('InvalidParameterException', `Cluster ${cluster.name} has an external issuer (${cluster.issuerUrl}); podiam does not hold its signing key.`);
      }
      let plan = keySchedule(keys, ctx.now);
      if (plan.rotateNow || plan.removableKids.length > 0) {
        const fresh = plan.rotateNow ? await newSigningKey(cluster.name, ctx.now) : undefined;
        await ctx.store.transaction((tx) => rotateIfDue(tx, cluster.name, ctx.now, fresh));
        await ctx.refresh();
        keys = await ctx.store.clusters.signingKeys(cluster.name);
        plan = keySchedule(keys, ctx.now);
      }
      const signer = keys.find((key) => key.kid === plan.signingKid);
      if (signer === undefined) throw new Error(`cluster ${cluster.name} has no key that can sign now`);
      const minted = await mintServiceAccountToken({
        issuer: cluster.issuerUrl,
        key: await memo.get(signer),
        namespace: req.Namespace,
        serviceAccount: req.ServiceAccount,
        ...(req.ServiceAccountUid !== undefined ? { serviceAccountUid: req.ServiceAccountUid } : {}),
        audiences: req.Audiences ?? [STS_CLIENT_ID],
        expirationSeconds,
        maxExpirationSeconds: KEY_ROTATION_POLICY.maxTokenLifetimeSeconds,
        apiAudiences: [cluster.issuerUrl],
        ...(req.Pod !== undefined ? { pod: { name: req.Pod.Name, uid: req.Pod.Uid ?? '' } } : {}),
        ...(req.Node !== undefined ? { node: { name: req.Node.Name, uid: req.Node.Uid ?? '' } } : {}),
        now: ctx.now.getTime(),
        jti: randomUUID(),
      });
      const expiresAt = minted.claims['kubernetes.io'].warnafter ?? minted.claims.exp;
      return { Token: minted.token, ExpirationTimestamp: new Date(expiresAt * 1000), KeyId: signer.kid, Issuer: cluster.issuerUrl };
    },
    // The token is a credential: CloudTrail records only when it expires and which key signed it.
    audit: { responseElements: (out) => ({ expirationTimestamp: out.ExpirationTimestamp, keyId: out.KeyId }) },
  });
}
