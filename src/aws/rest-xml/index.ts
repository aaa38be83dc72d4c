export { restXmlResponse, S3_NAMESPACE, s3ErrorResponse, type S3RequestIds } from './response.ts';
