// Size quotas: IAM User Guide, "IAM and AWS STS quotas" (managed policy 6,144 characters, role trust policy
// 2,048) and AWS Organizations User Guide, "Quotas for AWS Organizations" (SCP and RCP 5,120), as the
// IAM policy validation check reference's "Policy size exceeds ..." checks report them.
import { describe, expect, it } from 'vitest';
import { analyzePolicy } from '../analyze-policy.ts';
import { testingCatalog } from '../testing-catalog.ts';
import { testingDocument } from '../testing-document.ts';
import { compactSize } from './document.ts';

const catalog = testingCatalog();
const policy = testingDocument({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Deny', Action: 's3:GetObject', Resource: 'arn:aws:s3:::pics/*' }],
});

describe('IAM policy validation check reference: policy size quotas', () => {
  it('reports an SCP over 5,120 characters with both numbers', () => {
    const findings = analyzePolicy(policy, { policyType: 'SERVICE_CONTROL_POLICY', catalog, documentSize: 5121 });
    expect(findings.map((f) => [f.issueCode, f.findingType, f.findingDetails])).toEqual([
      [
        'POLICY_SIZE_EXCEEDS_SCP_QUOTA',
        'ERROR',
        'The 5121 characters in the service control policy (SCP) exceed the 5120 character maximum for SCPs. We recommend that you use multiple granular policies.',
      ],
    ]);
    expect(analyzePolicy(policy, { policyType: 'SERVICE_CONTROL_POLICY', catalog, documentSize: 5120 })).toEqual([]);
  });

  it.each([
    ['IDENTITY_POLICY', 6145, 'POLICY_SIZE_EXCEEDS_IDENTITY_POLICY_QUOTA'],
    ['RESOURCE_CONTROL_POLICY', 5121, 'POLICY_SIZE_EXCEEDS_RCP_QUOTA'],
  ] as const)('reports a %s of %i characters', (policyType, documentSize, code) => {
    const codes = analyzePolicy(policy, { policyType, catalog, documentSize }).map((f) => f.issueCode);
    expect(codes).toContain(code);
  });

  it('counts the compact JSON of the document when no size is given', () => {
    expect(compactSize(policy)).toBe(
      JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: ['s3:GetObject'], Resource: ['arn:aws:s3:::pics/*'] }] }).length,
    );
  });
});
