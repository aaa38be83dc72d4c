// Request timestamps of SigV4: `X-Amz-Date` in ISO 8601 basic format (`20150830T123600Z`), or an
// HTTP `Date` header (RFC 7231 IMF-fixdate) when `X-Amz-Date` is absent.

const BASIC = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;

// Requests signed in the same second carry the same timestamp: remember the last one read and written.
let lastParsed: { text: string; ms: number | undefined } = { text: '', ms: undefined };
let lastFormatted: { ms: number; text: string } = { ms: Number.NaN, text: '' };

/** Milliseconds since the epoch of an ISO 8601 basic timestamp, or undefined when it is not one. */
export function parseAmzDate(text: string): number | undefined {
  if (text === lastParsed.text) return lastParsed.ms;
  const ms = parseAmzDateUncached(text);
  lastParsed = { text, ms };
  return ms;
}

function parseAmzDateUncached(text: string): number | undefined {
  const m = BASIC.exec(text);
  if (m === null) return undefined;
  const [, y, mo, d, h, mi, s] = m.map(Number) as [number, number, number, number, number, number, number];
  const ms = Date.UTC(y, mo - 1, d, h, mi, s);
  const back = new Date(ms);
  // Reject impossible dates (20150231T...) that Date.UTC would roll over.
  if (back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d || h > 23 || mi > 59 || s > 59) return undefined;
  return ms;
}

/** Milliseconds since the epoch of an HTTP `Date` header value, or undefined. */
export function parseHttpDate(text: string): number | undefined {
  if (!/^[A-Za-z]{3}, \d{2} [A-Za-z]{3} \d{4} \d{2}:\d{2}:\d{2} GMT$/.test(text)) return undefined;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : ms;
}

/** ISO 8601 basic format of an instant (`20150830T123600Z`). */
export function formatAmzDate(ms: number): string {
  if (ms === lastFormatted.ms) return lastFormatted.text;
  const text = new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
  lastFormatted = { ms, text };
  return text;
}

/** ISO 8601 extended format without milliseconds (`2015-08-30T12:36:00Z`), as S3 writes ServerTime. */
export function formatIsoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
