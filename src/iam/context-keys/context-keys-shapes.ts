// The response both GetContextKeysFor* operations return (botocore iam 2010-05-08:
// GetContextKeysForPolicyResponse, ContextKeyNamesResultListType of ContextKeyNameType 5..256).

/** `GetContextKeysForPolicyResponse`. */
export const CONTEXT_KEYS_OUTPUT = {
  type: 'structure',
  members: { ContextKeyNames: { type: 'list', member: { type: 'string', min: 5, max: 256 } } },
} as const;
