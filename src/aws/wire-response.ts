// What a codec hands the HTTP shell: a status, headers and a body, nothing else to format.

/** An HTTP response as the AWS front doors send it. */
export interface WireResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}
