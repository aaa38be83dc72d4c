export { AWS_ERROR_CATALOGUE, isAwsErrorCode, type AwsErrorCode, type ErrorSpec } from './catalogue.ts';
export { AwsError, awsError, isAwsError, toAwsError, type AwsErrorOptions, type AwsErrorType } from './aws-error.ts';
export { validationError, validationMessage, type ConstraintViolation } from './validation.ts';
