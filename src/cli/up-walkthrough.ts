// The endpoints and the copy-paste walkthrough `podiam up` prints: IRSA on one machine (seed 000) — a
// role trusting the cluster's provider for one service account, the pod's side on the embedded
// Kubernetes API when there is one, the token the kubelet would project, and STS.
import { resolve } from 'node:path';
import type { ServeConfig } from '../server/index.ts';

/** Quotes a word for a POSIX shell when it needs it. */
export function sh(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/** The printed endpoints and walkthrough. */
export function walkthrough(options: {
  readonly url: string;
  readonly config: ServeConfig;
  readonly cluster: string;
  readonly issuer: string;
  readonly providerArn: string;
  readonly webhook: string;
  /** The embedded Kubernetes API, when podiam up runs one. */
  readonly kubernetes?: { readonly url: string; readonly kubeconfig: string };
  readonly podiam: string;
}): string {
  const dataDir = resolve(options.config.dataDir);
  const account = options.config.accountId;
  const providerUrl = options.providerArn.slice(options.providerArn.indexOf(':oidc-provider/') + ':oidc-provider/'.length);
  const role = `arn:aws:iam::${account}:role/${options.cluster}-app`;
  const trust = JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Federated: options.providerArn },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: { StringEquals: { [`${providerUrl}:sub`]: 'system:serviceaccount:default:demo', [`${providerUrl}:aud`]: 'sts.amazonaws.com' } },
      },
    ],
  }, null, 2);
  const kube = options.kubernetes;
  const endpoints: [string, string][] = [
    ['IAM, STS, S3, Organizations, clusters API', options.url],
    [`cluster ${options.cluster}: issuer`, options.issuer],
    ['  discovery', `${options.issuer}/.well-known/openid-configuration`],
    ['  JWKS', `${options.issuer}/openid/v1/jwks`],
    ['  IAM OIDC provider', options.providerArn],
    ...(kube === undefined ? [] : ([['  Kubernetes API (no auth)', `${kube.url} (kubectl --kubeconfig ${sh(kube.kubeconfig)})`]] as [string, string][])),
    ['admission webhook', options.webhook],
    ['health', `${options.url}/_podiam/health`],
    ['metrics (Prometheus)', `${options.url}/_podiam/metrics`],
  ];
  const width = Math.max(...endpoints.map(([name]) => name.length));
  // The pod's side, on the embedded API: the ServiceAccount names the role, the webhook wires the pod.
  const pod =
    kube === undefined
      ? []
      : [
          `  export KUBECONFIG=${sh(kube.kubeconfig)}`,
          '  kubectl create serviceaccount demo',
          `  kubectl annotate serviceaccount demo eks.amazonaws.com/role-arn=${role}`,
          `  kubectl run demo --image=amazonlinux --overrides='{"spec":{"serviceAccountName":"demo"}}' -- sleep 8h`,
          '  kubectl get pod demo -o yaml    # AWS_ROLE_ARN, AWS_WEB_IDENTITY_TOKEN_FILE and the aws-iam-token volume, from the webhook',
          '',
          '  # the kubelet\'s part (nothing runs pods here): the projected token podiam\'s issuer mints for the pod',
          `  ${options.podiam} token --cluster ${options.cluster} --namespace default --service-account demo --pod demo --pod-uid "$(kubectl get pod demo -o jsonpath='{.metadata.uid}')" > /tmp/token`,
        ];
  return [
    `podiam up: ready (data in ${dataDir})`,
    '',
    'Endpoints:',
    ...endpoints.map(([name, value]) => `  ${name.padEnd(width)}  ${value}`),
    '',
    'Walkthrough (IRSA on one machine: a role trusting the cluster, a service-account token, STS):',
    '',
    `  export AWS_ENDPOINT_URL=${sh(options.url)}`,
    `  export AWS_SHARED_CREDENTIALS_FILE=${sh(`${dataDir}/credentials`)} AWS_CONFIG_FILE=${sh(`${dataDir}/config`)}`,
    '',
    `  cat > /tmp/trust.json <<'EOF'`,
    ...trust.split('\n').map((line) => `  ${line}`),
    '  EOF',
    `  aws iam create-role --role-name ${options.cluster}-app --assume-role-policy-document file:///tmp/trust.json`,
    '',
    ...(pod.length > 0 ? pod : [`  ${options.podiam} token --cluster ${options.cluster} --namespace default --service-account demo > /tmp/token`]),
    `  aws sts assume-role-with-web-identity --role-arn ${role} --role-session-name demo --web-identity-token file:///tmp/token`,
    '',
    '  # what a pod with the webhook-injected environment does (the SDK reads the token file itself):',
    `  AWS_ROLE_ARN=${role} AWS_WEB_IDENTITY_TOKEN_FILE=/tmp/token aws sts get-caller-identity`,
    '',
    'Stop with Ctrl-C (SIGINT) or SIGTERM.',
    '',
  ].join('\n');
}
