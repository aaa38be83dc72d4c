// The shapes the API server stores and serves: any Kubernetes object, kept as plain JSON.

/** `metadata` of a Kubernetes object; fields the server does not manage are kept as they come. */
export interface ObjectMeta {
  name?: string;
  generateName?: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  creationTimestamp?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  [field: string]: unknown;
}

/** Any Kubernetes object as JSON. */
export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata: ObjectMeta;
  [field: string]: unknown;
}

/** The event types of the watch protocol. */
export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';

/** A `metav1.Status` failure, as the API server answers errors (and sends them as watch ERROR events). */
export interface StatusObject {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: Record<string, never>;
  status: 'Failure';
  message: string;
  reason: string;
  details?: { name?: string; group?: string; kind?: string };
  code: number;
}

/** Builds a failure Status the way the API server words it. */
export function statusFailure(
  code: number,
  reason: string,
  message: string,
  details?: StatusObject['details'],
): StatusObject {
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message,
    reason,
    ...(details === undefined ? {} : { details }),
    code,
  };
}

/** Deep copy of a JSON value (objects leave and enter the store only as copies). */
export function copyObject<T>(value: T): T {
  return structuredClone(value);
}
