// The AWS error codes podiam returns, with the HTTP status AWS sends for each.
// Sources: IAM API Reference "Common Errors" and each action's "Errors" section; STS API Reference
// "Common Errors" and the AssumeRole* "Errors" sections; Organizations API Reference, each action's
// "Errors"; Amazon S3 API Reference "Error responses" (List of error codes); AWS General Reference
// "Troubleshoot signed requests for AWS APIs".
// The `Type` element of a Query-protocol ErrorResponse is `Receiver` for 5xx and `Sender` otherwise.

/** What the catalogue knows of one code: its usual status and, where AWS always says the same, its text. */
export interface ErrorSpec {
  readonly status: number;
  readonly message?: string;
}

const spec = (status: number, message?: string): ErrorSpec => (message === undefined ? { status } : { status, message });

/** Every AWS error code podiam can return, with its default status and message. */
export const AWS_ERROR_CATALOGUE = {
  // --- Authentication (Query protocol: IAM, STS) ---
  MissingAuthenticationToken: spec(403, 'Request is missing Authentication Token'),
  IncompleteSignature: spec(400),
  InvalidClientTokenId: spec(403, 'The security token included in the request is invalid.'),
  SignatureDoesNotMatch: spec(403),
  ExpiredToken: spec(403, 'The security token included in the request is expired'),
  RequestExpired: spec(400, 'Request has expired.'),
  OptInRequired: spec(403),
  NotAuthorized: spec(400, 'You do not have permission to perform this action.'),
  // --- Authentication (JSON protocol: Organizations) ---
  MissingAuthenticationTokenException: spec(403, 'Missing Authentication Token'),
  IncompleteSignatureException: spec(400),
  InvalidSignatureException: spec(403),
  UnrecognizedClientException: spec(403, 'The security token included in the request is invalid.'),
  ExpiredTokenException: spec(400),

  // --- Common request errors (Query protocol) ---
  AccessDenied: spec(403, 'Access Denied'),
  AccessDeniedException: spec(400, 'You do not have sufficient access to perform this action.'),
  InvalidAction: spec(400),
  MissingAction: spec(400, 'The request is missing an action or a required parameter.'),
  MissingParameter: spec(400),
  InvalidParameterValue: spec(400),
  InvalidParameterCombination: spec(400),
  InvalidQueryParameter: spec(400),
  MalformedQueryString: spec(404),
  ValidationError: spec(400),
  Throttling: spec(400, 'Rate exceeded'),
  ThrottlingException: spec(400, 'Rate exceeded'),
  InternalFailure: spec(500, 'The request processing has failed because of an unknown error, exception or failure.'),
  ServiceUnavailable: spec(503, 'The request has failed due to a temporary failure of the server.'),

  // --- IAM ---
  NoSuchEntity: spec(404),
  EntityAlreadyExists: spec(409),
  LimitExceeded: spec(409),
  DeleteConflict: spec(409),
  InvalidInput: spec(400),
  MalformedPolicyDocument: spec(400),
  ConcurrentModification: spec(409),
  UnmodifiableEntity: spec(400),
  EntityTemporarilyUnmodifiable: spec(409),
  PolicyNotAttachable: spec(400),
  PolicyEvaluation: spec(500),
  OpenIdIdpCommunicationError: spec(400),
  ServiceFailure: spec(500, 'The request processing has failed because of an unknown error, exception or failure.'),

  // --- STS ---
  PackedPolicyTooLarge: spec(400),
  RegionDisabledException: spec(403),
  InvalidIdentityToken: spec(400),
  IDPRejectedClaim: spec(403),
  IDPCommunicationError: spec(400),
  InvalidAuthorizationMessageException: spec(400),

  // --- Organizations (JSON 1.1; AWS documents HTTP 400 for all but ServiceException) ---
  AWSOrganizationsNotInUseException: spec(400, 'Your account is not a member of an organization.'),
  AccountNotFoundException: spec(400),
  AlreadyInOrganizationException: spec(400),
  ChildNotFoundException: spec(400),
  ConcurrentModificationException: spec(400),
  ConstraintViolationException: spec(400),
  CreateAccountStatusNotFoundException: spec(400),
  DestinationParentNotFoundException: spec(400),
  DuplicateAccountException: spec(400),
  DuplicateOrganizationalUnitException: spec(400),
  DuplicatePolicyAttachmentException: spec(400),
  DuplicatePolicyException: spec(400),
  InvalidInputException: spec(400),
  MalformedPolicyDocumentException: spec(400),
  OrganizationNotEmptyException: spec(400),
  OrganizationalUnitNotEmptyException: spec(400),
  OrganizationalUnitNotFoundException: spec(400),
  ParentNotFoundException: spec(400),
  PolicyInUseException: spec(400),
  PolicyNotAttachedException: spec(400),
  PolicyNotFoundException: spec(400),
  PolicyTypeAlreadyEnabledException: spec(400),
  PolicyTypeNotAvailableForOrganizationException: spec(400),
  PolicyTypeNotEnabledException: spec(400),
  RootNotFoundException: spec(400),
  ServiceException: spec(500),
  SourceParentNotFoundException: spec(400),
  TargetNotFoundException: spec(400),
  TooManyRequestsException: spec(400),
  UnsupportedAPIEndpointException: spec(400),
  ValidationException: spec(400),
  SerializationException: spec(400),
  UnknownOperationException: spec(400),

  // --- podiam's clusters API (Amazon EKS API Reference, "Common Errors" and CreateCluster/DescribeCluster "Errors") ---
  ResourceNotFoundException: spec(404),
  ResourceInUseException: spec(409),
  InvalidParameterException: spec(400),
  ResourceLimitExceededException: spec(400),

  // --- S3 (REST-XML) ---
  AuthorizationHeaderMalformed: spec(400),
  AuthorizationQueryParametersError: spec(400),
  InvalidAccessKeyId: spec(403, 'The AWS Access Key Id you provided does not exist in our records.'),
  InvalidToken: spec(400, 'The provided token is malformed or otherwise invalid.'),
  RequestTimeTooSkewed: spec(403, 'The difference between the request time and the current time is too large.'),
  InvalidArgument: spec(400),
  InvalidRequest: spec(400),
  InvalidURI: spec(400, "Couldn't parse the specified URI."),
  NoSuchBucket: spec(404, 'The specified bucket does not exist'),
  NoSuchKey: spec(404, 'The specified key does not exist.'),
  NoSuchUpload: spec(
    404,
    'The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.',
  ),
  NoSuchVersion: spec(404, 'The specified version does not exist.'),
  NoSuchBucketPolicy: spec(404, 'The bucket policy does not exist'),
  NoSuchTagSet: spec(404, 'The TagSet does not exist'),
  NoSuchPublicAccessBlockConfiguration: spec(404, 'The public access block configuration was not found'),
  InvalidTag: spec(400),
  AccessControlListNotSupported: spec(400, 'The bucket does not allow ACLs'),
  InvalidBucketAclWithObjectOwnership: spec(400, "Bucket cannot have ACLs set with ObjectOwnership's BucketOwnerEnforced setting"),
  MalformedACLError: spec(400, 'The XML you provided was not well-formed or did not validate against our published schema'),
  NoSuchCORSConfiguration: spec(404, 'The CORS configuration does not exist'),
  NoSuchLifecycleConfiguration: spec(404, 'The lifecycle configuration does not exist'),
  NoSuchWebsiteConfiguration: spec(404, 'The specified bucket does not have a website configuration'),
  ObjectLockConfigurationNotFoundError: spec(404, 'Object Lock configuration does not exist for this bucket'),
  ReplicationConfigurationNotFoundError: spec(404, 'The replication configuration was not found'),
  InvalidLocationConstraint: spec(400, 'The specified location-constraint is not valid'),
  IllegalLocationConstraintException: spec(
    400,
    'The unspecified location constraint is incompatible for the region specific endpoint this request was sent to.',
  ),
  BucketAlreadyOwnedByYou: spec(
    409,
    'Your previous request to create the named bucket succeeded and you already own it.',
  ),
  BucketAlreadyExists: spec(
    409,
    'The requested bucket name is not available. The bucket namespace is shared by all users of the system. Please select a different name and try again.',
  ),
  BucketNotEmpty: spec(409, 'The bucket you tried to delete is not empty'),
  InvalidBucketName: spec(400, 'The specified bucket is not valid.'),
  InvalidBucketState: spec(409),
  KeyTooLongError: spec(400, 'Your key is too long'),
  PreconditionFailed: spec(412, 'At least one of the pre-conditions you specified did not hold'),
  NotModified: spec(304),
  InvalidRange: spec(416, 'The requested range is not satisfiable'),
  InvalidStorageClass: spec(400, 'The storage class you specified is not valid'),
  BadDigest: spec(400, 'The Content-MD5 you specified did not match what we received.'),
  InvalidDigest: spec(400, 'The Content-MD5 you specified is not valid.'),
  XAmzContentSHA256Mismatch: spec(400, "The provided 'x-amz-content-sha256' header does not match what was computed."),
  IncompleteBody: spec(400, 'You did not provide the number of bytes specified by the Content-Length HTTP header'),
  InvalidChunkSizeError: spec(400, 'Only the last chunk is allowed to have a size less than 8192 bytes'),
  MalformedTrailerError: spec(
    400,
    'The request contained trailing data that was not well-formed or did not conform to our published schema.',
  ),
  MissingContentLength: spec(411, 'You must provide the Content-Length HTTP header.'),
  MissingRequestBodyError: spec(400, 'Request Body is empty'),
  EntityTooSmall: spec(400, 'Your proposed upload is smaller than the minimum allowed object size.'),
  EntityTooLarge: spec(400, 'Your proposed upload exceeds the maximum allowed object size.'),
  MetadataTooLarge: spec(400, 'Your metadata headers exceed the maximum allowed metadata size.'),
  InvalidPart: spec(
    400,
    "One or more of the specified parts could not be found.  The part may not have been uploaded, or the specified entity tag may not match the part's entity tag.",
  ),
  InvalidPartOrder: spec(400, 'The list of parts was not in ascending order. Parts must be ordered by part number.'),
  MalformedXML: spec(
    400,
    'The XML you provided was not well-formed or did not validate against our published schema',
  ),
  MalformedPolicy: spec(400),
  MethodNotAllowed: spec(405, 'The specified method is not allowed against this resource.'),
  NotImplemented: spec(501, 'A header you provided implies functionality that is not implemented'),
  InvalidObjectState: spec(403, 'The operation is not valid for the current state of the object.'),
  OperationAborted: spec(409, 'A conflicting conditional operation is currently in progress against this resource. Please try again.'),
  TooManyBuckets: spec(400, 'You have attempted to create more buckets than allowed'),
  UnexpectedContent: spec(400, 'This request does not support content'),
  InternalError: spec(500, 'We encountered an internal error. Please try again.'),
  SlowDown: spec(503, 'Please reduce your request rate.'),
} as const satisfies Record<string, ErrorSpec>;

/** The closed union of AWS error codes; `switch (err.code)` narrows on it. */
export type AwsErrorCode = keyof typeof AWS_ERROR_CATALOGUE;

/** True when the text is one of the catalogue's codes. */
export function isAwsErrorCode(text: string): text is AwsErrorCode {
  return Object.hasOwn(AWS_ERROR_CATALOGUE, text);
}
