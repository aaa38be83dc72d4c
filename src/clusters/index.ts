// clusters/: the Kubernetes clusters whose service-account tokens podiam issues (or whose issuers it
// trusts): the clusters API, and the issuer endpoints each podiam-issued cluster serves.
export { CLUSTERS_SIGNING_NAME, CLUSTERS_TARGET_PREFIX, createClustersService } from './clusters-service.ts';
export { KEY_ROTATION_POLICY } from './key-schedule.ts';
export { podiamIssuerUrl, clusterArn } from './cluster-resource.ts';
export { providerArnFor, STS_CLIENT_ID } from './oidc-provider-association.ts';
export { IssuerDocuments } from './issuer-documents.ts';
export type { IssuerDocumentsOptions, RenderedIssuer } from './issuer-documents.ts';
export { clusterIssuerDoor, type IssuerDoor } from './issuer-door.ts';
