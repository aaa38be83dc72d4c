// IAM returns policy documents URL-encoded in its XML (IAM API Reference, GetRolePolicy and
// GetRole: "The policy document returned in this structure is URL-encoded compliant with RFC 3986";
// the CLI and boto3 decode it, SDK users call decodeURIComponent).

/** URL-encodes a policy document (JSON text) as IAM returns it. */
export function encodePolicyDocument(json: string): string {
  return encodeURIComponent(json);
}

/** Decodes a policy document IAM returned URL-encoded. */
export function decodePolicyDocument(encoded: string): string {
  return decodeURIComponent(encoded);
}
