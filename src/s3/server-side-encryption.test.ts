import type { IncomingHttpHeaders } from 'node:http';
import { describe, expect, it } from 'vitest';
import { AwsError } from '../aws/index.ts';
import { requestedEncryption, sseApplied, SSE_S3_RESPONSE_HEADERS, type EncryptedOperation } from './server-side-encryption.ts';

const WRITES: EncryptedOperation[] = ['PutObject', 'CopyObject', 'CreateMultipartUpload'];
const NOT_CHOOSING: EncryptedOperation[] = ['UploadPart', 'UploadPartCopy', 'GetObject', 'HeadObject'];
const ALL: EncryptedOperation[] = [...WRITES, ...NOT_CHOOSING, 'CompleteMultipartUpload'];

function refusal(operation: EncryptedOperation, headers: IncomingHttpHeaders): { code: string; status: number; message: string; fields: Record<string, string> } | undefined {
  const r = requestedEncryption(operation, headers);
  if (!(r instanceof AwsError)) return undefined;
  return { code: r.code, status: r.status, message: r.message, fields: { ...r.fields } };
}

describe('SSE-S3 is every object\'s encryption (Amazon S3 User Guide, "Using server-side encryption with Amazon S3 managed keys (SSE-S3)")', () => {
  it('responses carry x-amz-server-side-encryption: AES256', () => {
    expect(SSE_S3_RESPONSE_HEADERS).toEqual({ 'x-amz-server-side-encryption': 'AES256' });
  });

  it.each(WRITES)('%s: AES256 is accepted as asked for, no header is the bucket default', (op) => {
    expect(requestedEncryption(op, { 'x-amz-server-side-encryption': 'AES256' })).toBe('requested');
    expect(requestedEncryption(op, {})).toBe('default');
    expect(requestedEncryption(op, { 'x-amz-server-side-encryption': 'AES256', 'x-amz-server-side-encryption-bucket-key-enabled': 'false' })).toBe('requested');
  });

  it('CloudTrail\'s SSEApplied: SSE_S3 when the header asked, Default_SSE_S3 otherwise (User Guide, "Monitoring default encryption with CloudTrail and CloudWatch")', () => {
    expect(sseApplied('requested')).toEqual({ SSEApplied: 'SSE_S3' });
    expect(sseApplied('default')).toEqual({ SSEApplied: 'Default_SSE_S3' });
    expect(sseApplied('none')).toEqual({});
  });
});

describe('Unsupported x-amz-server-side-encryption values (API Reference, "PutObject", "CopyObject": "Unrecognized or unsupported values ... will receive a 400 Bad Request")', () => {
  it.each(WRITES)('%s: another value is InvalidArgument "The encryption method specified is not supported", naming the header and value', (op) => {
    for (const value of ['aes256', 'AES512', '', 'aws:fsx']) {
      expect(refusal(op, { 'x-amz-server-side-encryption': value })).toEqual({
        code: 'InvalidArgument',
        status: 400,
        message: 'The encryption method specified is not supported',
        fields: { ArgumentName: 'x-amz-server-side-encryption', ArgumentValue: value },
      });
    }
  });

  it.each(NOT_CHOOSING)('%s does not take the header, not even AES256 (GetObject: "you\'ll get an HTTP 400 Bad Request error")', (op) => {
    expect(refusal(op, { 'x-amz-server-side-encryption': 'AES256' })).toEqual({
      code: 'InvalidArgument',
      status: 400,
      message: 'x-amz-server-side-encryption header is not supported for this operation.',
      fields: { ArgumentName: 'x-amz-server-side-encryption', ArgumentValue: 'AES256' },
    });
    expect(requestedEncryption(op, {})).toBe('none');
  });

  it('CompleteMultipartUpload ignores it: the upload chose the encryption', () => {
    expect(requestedEncryption('CompleteMultipartUpload', { 'x-amz-server-side-encryption': 'AES256' })).toBe('none');
  });
});

describe('SSE-KMS, DSSE-KMS and SSE-C are NotImplemented: podiam has no KMS and keeps no customer keys', () => {
  it.each(WRITES)('%s: aws:kms, aws:kms:dsse and the SSE-KMS headers are NotImplemented (501) naming the header', (op) => {
    for (const value of ['aws:kms', 'aws:kms:dsse']) {
      const r = refusal(op, { 'x-amz-server-side-encryption': value, 'x-amz-server-side-encryption-aws-kms-key-id': 'alias/aws/s3' });
      expect(r).toMatchObject({ code: 'NotImplemented', status: 501, fields: { Header: 'x-amz-server-side-encryption' } });
      expect(r?.message).toContain('podiam has no KMS');
    }
    for (const [name, value] of [
      ['x-amz-server-side-encryption-aws-kms-key-id', '1234abcd-12ab-34cd-56ef-1234567890ab'],
      ['x-amz-server-side-encryption-context', Buffer.from('{"a":"b"}').toString('base64')],
      ['x-amz-server-side-encryption-bucket-key-enabled', 'true'],
    ] as const) {
      expect(refusal(op, { [name]: value })).toMatchObject({ code: 'NotImplemented', fields: { Header: name } });
      expect(refusal(op, { 'x-amz-server-side-encryption': 'AES256', [name]: value })).toMatchObject({ code: 'NotImplemented', fields: { Header: name } });
    }
  });

  it.each(ALL)('%s: any SSE-C header is NotImplemented', (op) => {
    for (const name of ['x-amz-server-side-encryption-customer-algorithm', 'x-amz-server-side-encryption-customer-key', 'x-amz-server-side-encryption-customer-key-md5']) {
      const r = refusal(op, { [name]: 'AES256' });
      expect(r).toMatchObject({ code: 'NotImplemented', status: 501, fields: { Header: name } });
      expect(r?.message).toContain('SSE-C');
    }
  });

  it('the copy-source SSE-C headers are NotImplemented on CopyObject and UploadPartCopy, not read elsewhere', () => {
    const headers = { 'x-amz-copy-source-server-side-encryption-customer-algorithm': 'AES256' };
    for (const op of ['CopyObject', 'UploadPartCopy'] as const) {
      expect(refusal(op, headers)).toMatchObject({ code: 'NotImplemented', fields: { Header: 'x-amz-copy-source-server-side-encryption-customer-algorithm' } });
    }
    expect(requestedEncryption('PutObject', headers)).toBe('default');
  });
});
