// The request and response shapes SimulateCustomPolicy and SimulatePrincipalPolicy share (botocore
// iam 2010-05-08: SimulatePolicyResponse, EvaluationResult, ResourceSpecificResult, Statement,
// ContextEntry).
import { MARKER, MAX_ITEMS, POLICY_DOCUMENT } from '../shapes/common.ts';

const RESOURCE_NAME = { type: 'string', min: 1, max: 2048 } as const;

/** The request members both simulations take. */
export const SIMULATION_INPUT = {
  PolicyInputList: { type: 'list', member: POLICY_DOCUMENT },
  PermissionsBoundaryPolicyInputList: { type: 'list', member: POLICY_DOCUMENT },
  ActionNames: { type: 'list', member: { type: 'string', min: 3, max: 128 } },
  ResourceArns: { type: 'list', member: RESOURCE_NAME },
  ResourcePolicy: POLICY_DOCUMENT,
  ResourceOwner: RESOURCE_NAME,
  CallerArn: RESOURCE_NAME,
  ContextEntries: {
    type: 'list',
    member: {
      type: 'structure',
      members: {
        ContextKeyName: { type: 'string', min: 5, max: 256 },
        ContextKeyValues: { type: 'list', member: { type: 'string' } },
        ContextKeyType: {
          type: 'string',
          enum: ['string', 'stringList', 'numeric', 'numericList', 'boolean', 'booleanList', 'ip', 'ipList', 'binary', 'binaryList', 'date', 'dateList'],
        },
      },
    },
  },
  ResourceHandlingOption: { type: 'string', min: 1, max: 64 },
  MaxItems: MAX_ITEMS,
  Marker: MARKER,
} as const;

const POSITION = { type: 'structure', members: { Line: { type: 'integer' }, Column: { type: 'integer' } } } as const;
const STATEMENT = {
  type: 'structure',
  members: { SourcePolicyId: { type: 'string' }, SourcePolicyType: { type: 'string' }, StartPosition: POSITION, EndPosition: POSITION },
} as const;
const DECISION_DETAILS = { type: 'map', key: { type: 'string' }, value: { type: 'string' } } as const;
const BOUNDARY_DETAIL = { type: 'structure', members: { AllowedByPermissionsBoundary: { type: 'boolean' } } } as const;

const RESOURCE_SPECIFIC_RESULT = {
  type: 'structure',
  members: {
    EvalResourceName: { type: 'string' },
    EvalResourceDecision: { type: 'string' },
    MatchedStatements: { type: 'list', member: STATEMENT },
    MissingContextValues: { type: 'list', member: { type: 'string' } },
    EvalDecisionDetails: DECISION_DETAILS,
    PermissionsBoundaryDecisionDetail: BOUNDARY_DETAIL,
  },
} as const;

/** `SimulatePolicyResponse`. */
export const SIMULATION_OUTPUT = {
  type: 'structure',
  members: {
    EvaluationResults: {
      type: 'list',
      member: {
        type: 'structure',
        members: {
          EvalActionName: { type: 'string' },
          EvalResourceName: { type: 'string' },
          EvalDecision: { type: 'string' },
          MatchedStatements: { type: 'list', member: STATEMENT },
          MissingContextValues: { type: 'list', member: { type: 'string' } },
          OrganizationsDecisionDetail: { type: 'structure', members: { AllowedByOrganizations: { type: 'boolean' } } },
          PermissionsBoundaryDecisionDetail: BOUNDARY_DETAIL,
          EvalDecisionDetails: DECISION_DETAILS,
          ResourceSpecificResults: { type: 'list', member: RESOURCE_SPECIFIC_RESULT },
        },
      },
    },
    IsTruncated: { type: 'boolean' },
    Marker: { type: 'string' },
  },
} as const;
