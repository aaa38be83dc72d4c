// Test support for Kubernetes-facing code: an in-process fake API server that speaks the real
// list/watch protocol (see README.md), and a kubeconfig pointing at it. Used by the webhook's and
// the node agent's tests; nothing here is imported by production code.
export { startFakeApiServer } from './fake-api-server.ts';
export type { FakeApiServer, FakeApiServerOptions, RecordedRequest } from './fake-api-server.ts';
export type { MutatingWebhook } from './admission-caller.ts';
export { kubeconfigFor, writeKubeconfig } from './kubeconfig.ts';
export type { KubeconfigOptions } from './kubeconfig.ts';
export { DEFAULT_RESOURCE_KINDS } from './resource-kinds.ts';
export type { ResourceKind } from './resource-kinds.ts';
export { fieldAt, COMMON_FIELDS } from './field-selector.ts';
export type { FieldGetter } from './field-selector.ts';
export type { KubeObject, ObjectMeta, StatusObject, WatchEventType } from './kube-object.ts';
export { applyJsonPatch, applyMergePatch, jsonEqual } from './json-patch.ts';
export type { JsonPatchOperation } from './json-patch.ts';
