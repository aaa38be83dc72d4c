// Who asked, as STS records it: the role session name `<namespace>.<pod>` and session tags naming the
// pod. AWS STS API Reference, "AssumeRole": RoleSessionName is 2-64 characters of [\w+=,.@-];
// IAM User Guide, "Passing session tags in AWS STS": tag keys up to 128 and values up to 256
// characters of [\p{L}\p{Z}\p{N}_.:/=+\-@], at most 50 tags.
import { ROLE_SESSION_NAME } from '../../../aws/arn/index.ts';
import type { PodView } from '../pods/pod-view.ts';

/** A session tag. */
export interface SessionTag {
  readonly Key: string;
  readonly Value: string;
}

const SESSION_NAME_INVALID = /[^\w+=,.@-]/g;
const TAG_VALUE = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;

/** `<namespace>.<pod>`, characters outside the RoleSessionName alphabet replaced, truncated to 64. */
export function sessionName(pod: Pick<PodView, 'namespace' | 'name'>): string {
  const text = `${pod.namespace}.${pod.name}`.replace(SESSION_NAME_INVALID, '-').slice(0, ROLE_SESSION_NAME.max);
  return text.length >= ROLE_SESSION_NAME.min ? text : text.padEnd(ROLE_SESSION_NAME.min, '-');
}

/** The session tags naming the pod; values STS would refuse are left out rather than failing the call. */
export function sessionTags(pod: Pick<PodView, 'namespace' | 'name' | 'serviceAccount'>, nodeName: string | undefined): SessionTag[] {
  const tags: SessionTag[] = [
    { Key: 'kubernetes-namespace', Value: pod.namespace },
    { Key: 'kubernetes-pod-name', Value: pod.name },
    { Key: 'kubernetes-service-account', Value: pod.serviceAccount },
  ];
  if (nodeName !== undefined && nodeName !== '') tags.push({ Key: 'kubernetes-node', Value: nodeName });
  return tags.filter((t) => t.Value.length <= 256 && TAG_VALUE.test(t.Value));
}
