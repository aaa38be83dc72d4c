// The IAM wire shapes that many operations share, as the botocore model (iam 2010-05-08) declares
// them: names, paths, policy documents, ARNs, pagination and tags. Declaring them once keeps every
// operation's validation errors worded as IAM words them ("Value 'x' at 'roleName' failed to satisfy
// constraint: ...").

/** `roleNameType`: CreateRole and every operation that names a role. */
export const ROLE_NAME = { type: 'string', min: 1, max: 64, pattern: '[\\w+=,.@-]+' } as const;
/** `userNameType`: CreateUser, the Attach/Detach/boundary operations. */
export const USER_NAME = { type: 'string', min: 1, max: 64, pattern: '[\\w+=,.@-]+' } as const;
/** `existingUserNameType`: operations on a user that exists (GetUser, DeleteUser, ...). */
export const EXISTING_USER_NAME = { type: 'string', min: 1, max: 128, pattern: '[\\w+=,.@-]+' } as const;
/** `groupNameType`. */
export const GROUP_NAME = { type: 'string', min: 1, max: 128, pattern: '[\\w+=,.@-]+' } as const;
/** `policyNameType`: inline and managed policy names. */
export const POLICY_NAME = { type: 'string', min: 1, max: 128, pattern: '[\\w+=,.@-]+' } as const;

/** `pathType`: `/` or `/a/b/` of printable ASCII. */
export const PATH = { type: 'string', min: 1, max: 512, pattern: '(\\u002F)|(\\u002F[\\u0021-\\u007E]+\\u002F)' } as const;
/** `pathPrefixType` (ListRoles, ListUsers, ListGroups). */
export const PATH_PREFIX = { type: 'string', min: 1, max: 512, pattern: '\\u002F[\\u0021-\\u007F]*' } as const;
/** `policyPathType` (CreatePolicy Path, ListPolicies PathPrefix). */
export const POLICY_PATH = { type: 'string', min: 1, max: 512, pattern: '((/[A-Za-z0-9\\.,\\+@=_-]+)*)/' } as const;

/** `policyDocumentType`: the document's characters; the engine checks the rest. */
export const POLICY_DOCUMENT = { type: 'string', min: 1, max: 131072, pattern: '[\\u0009\\u000A\\u000D\\u0020-\\u00FF]+' } as const;
/** `arnType`. */
export const ARN = { type: 'string', min: 20, max: 2048 } as const;
/** `policyVersionIdType`. */
export const POLICY_VERSION_ID = { type: 'string', pattern: 'v[1-9][0-9]*(\\.[A-Za-z0-9-]*)?' } as const;
/** `policyDescriptionType`. */
export const POLICY_DESCRIPTION = { type: 'string', max: 1000 } as const;
/** `roleDescriptionType`. */
export const ROLE_DESCRIPTION = { type: 'string', max: 1000, pattern: '[\\u0009\\u000A\\u000D\\u0020-\\u007E\\u00A1-\\u00FF]*' } as const;
/** `roleMaxSessionDurationType`: one to twelve hours. */
export const ROLE_MAX_SESSION_DURATION = { type: 'integer', min: 3600, max: 43200 } as const;

/** `markerType` and `maxItemsType`: IAM pagination. */
export const MARKER = { type: 'string', min: 1, max: 320, pattern: '[\\u0020-\\u00FF]+' } as const;
export const MAX_ITEMS = { type: 'integer', min: 1, max: 1000 } as const;

/** `tagKeyType`, `tagValueType`, `tagListType` (at most 50) and `tagKeyListType`. */
export const TAG_KEY = { type: 'string', min: 1, max: 128, pattern: '[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+' } as const;
export const TAG_VALUE = { type: 'string', min: 0, max: 256, pattern: '[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*' } as const;
export const TAG = { type: 'structure', members: { Key: TAG_KEY, Value: TAG_VALUE }, required: ['Key', 'Value'] } as const;
export const TAGS = { type: 'list', max: 50, member: TAG } as const;
export const TAG_KEYS = { type: 'list', max: 50, member: TAG_KEY } as const;

/** `AttachedPermissionsBoundary`. */
export const ATTACHED_PERMISSIONS_BOUNDARY = {
  type: 'structure',
  members: {
    PermissionsBoundaryType: { type: 'string', enum: ['PermissionsBoundaryPolicy'] },
    PermissionsBoundaryArn: ARN,
  },
} as const;

/** `AttachedPolicy`. */
export const ATTACHED_POLICY = { type: 'structure', members: { PolicyName: POLICY_NAME, PolicyArn: ARN } } as const;

/** `PolicyDetail` (GetAccountAuthorizationDetails' inline policies). */
export const POLICY_DETAIL = { type: 'structure', members: { PolicyName: POLICY_NAME, PolicyDocument: POLICY_DOCUMENT } } as const;

/** The members every paginated response ends with. */
export const PAGE_MEMBERS = { IsTruncated: { type: 'boolean' }, Marker: { type: 'string' } } as const;
