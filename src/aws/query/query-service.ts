// The Query-protocol services podiam serves and their XML namespaces (the `xmlNamespace` of each
// botocore service model).

/** A Query-protocol service: its API version and response namespace. */
export interface QueryService {
  readonly name: string;
  readonly version: string;
  readonly namespace: string;
}

export const STS_SERVICE: QueryService = {
  name: 'sts',
  version: '2011-06-15',
  namespace: 'https://sts.amazonaws.com/doc/2011-06-15/',
};

export const IAM_SERVICE: QueryService = {
  name: 'iam',
  version: '2010-05-08',
  namespace: 'https://iam.amazonaws.com/doc/2010-05-08/',
};
