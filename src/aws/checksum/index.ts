export {
  CHECKSUM_ALGORITHMS,
  checksumAlgorithmOfHeader,
  checksumHeaderName,
  createChecksum,
  type Checksum,
  type ChecksumAlgorithm,
} from './checksum.ts';
export { checksumMismatch } from './mismatch.ts';
