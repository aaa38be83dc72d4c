// A minimal Kubernetes API server on loopback (see README.md): the core/v1 kinds podiam's
// walkthroughs need, with discovery, list/watch and the mutating admission webhooks on CREATE, for
// kubectl and @kubernetes/client-node. `podiam up` embeds it when no cluster is given; tests start
// it through k8s/testing.
export { API_SERVER_HOST, startApiServer } from './api-server.ts';
export type { ApiServer, ApiServerOptions, RecordedRequest } from './api-server.ts';
export type { AdmissionOutcome, MutatingWebhook } from './admission-caller.ts';
export { SERVER_VERSION } from './discovery.ts';
export { kubeconfigFor, writeKubeconfig } from './kubeconfig.ts';
export type { KubeconfigOptions } from './kubeconfig.ts';
export { DEFAULT_RESOURCE_KINDS, apiPrefixOf, apiVersionOf } from './resource-kinds.ts';
export type { ResourceKind } from './resource-kinds.ts';
export { fieldAt, COMMON_FIELDS } from './field-selector.ts';
export type { FieldGetter } from './field-selector.ts';
export type { KubeObject, ObjectMeta, StatusObject, WatchEventType } from './kube-object.ts';
export { applyJsonPatch, applyMergePatch, jsonEqual, JsonPatchError } from './json-patch.ts';
export type { JsonPatchOperation } from './json-patch.ts';
