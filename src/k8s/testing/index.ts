// Test support for Kubernetes-facing code: the in-process API server of k8s/apiserver started the
// way tests want it (every request recorded, a kubeconfig with a bearer token), under the names the
// webhook's, the node agent's and the end-to-end tests use. Nothing here is imported by production code.
export { startFakeApiServer, kubeconfigFor, writeKubeconfig } from './fake-api-server.ts';
export type { FakeApiServer, FakeApiServerOptions } from './fake-api-server.ts';
export type { KubeconfigOptions, MutatingWebhook, RecordedRequest, ResourceKind, FieldGetter, KubeObject, ObjectMeta, StatusObject, WatchEventType, JsonPatchOperation } from '../apiserver/index.ts';
export { DEFAULT_RESOURCE_KINDS, fieldAt, COMMON_FIELDS, applyJsonPatch, applyMergePatch, jsonEqual } from '../apiserver/index.ts';
