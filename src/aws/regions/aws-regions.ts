// The AWS Regions a SigV4 credential scope may name (AWS General Reference, "AWS Regions and
// endpoints"; the regions of botocore's endpoints.json, all partitions). One podiam endpoint serves
// every region, so a request signed for any real region is accepted; a scope naming something that is
// not a region is refused as AWS refuses it ("Credential should be scoped to a valid region, not 'X'.").
// Volatile data: add a region here when AWS opens one.

const REGIONS: ReadonlySet<string> = new Set([
  // aws
  'af-south-1',
  'ap-east-1',
  'ap-east-2',
  'ap-northeast-1',
  'ap-northeast-2',
  'ap-northeast-3',
  'ap-south-1',
  'ap-south-2',
  'ap-southeast-1',
  'ap-southeast-2',
  'ap-southeast-3',
  'ap-southeast-4',
  'ap-southeast-5',
  'ap-southeast-6',
  'ap-southeast-7',
  'ca-central-1',
  'ca-west-1',
  'eu-central-1',
  'eu-central-2',
  'eu-north-1',
  'eu-south-1',
  'eu-south-2',
  'eu-west-1',
  'eu-west-2',
  'eu-west-3',
  'il-central-1',
  'me-central-1',
  'me-south-1',
  'mx-central-1',
  'sa-east-1',
  'us-east-1',
  'us-east-2',
  'us-west-1',
  'us-west-2',
  // aws-cn, aws-us-gov, the isolated partitions and the European Sovereign Cloud
  'cn-north-1',
  'cn-northwest-1',
  'us-gov-east-1',
  'us-gov-west-1',
  'us-iso-east-1',
  'us-iso-west-1',
  'us-isob-east-1',
  'us-isob-west-1',
  'eu-isoe-west-1',
  'us-isof-east-1',
  'us-isof-south-1',
  'eusc-de-east-1',
]);

/** True when `name` is an AWS Region a credential may be scoped to. */
export function isAwsRegion(name: string): boolean {
  return REGIONS.has(name);
}
