// The values IAM's legacy parser accepts for Date condition operators.
// IAM User Guide, "IAM JSON policy elements: Condition operators" (Date condition operators): values are
// ISO 8601 dates/times ("2020-01-01T00:00:00Z") or epoch (UNIX) time. IAM refuses anything else with
// "The policy failed legacy parsing" when the policy is stored (observed IAM API behaviour: for example
// "234-13", "sdfdsf" and "9223372036854775808" are refused; "01T", "-292275054" and
// "2016-12-13t2:00:00.593194+23" are accepted).

const MAX_EPOCH = 9223372036854775807n;
const MIN_YEAR = -292275054;
const MAX_YEAR = 292278993;
const TIME = /^(\d{1,2})(?::(\d{1,2})(?::(\d{1,2})(?:\.(\d{1,9}))?)?)?(z|[+-](\d{2})(?::?(\d{2}))?)?$/;

/** True when IAM accepts the text as a Date condition value. */
export function isDateConditionValue(text: string): boolean {
  const lower = text.toLowerCase();
  if (!lower.includes('t') && !lower.includes('-')) {
    return /^\d+$/.test(lower) && BigInt(lower) <= MAX_EPOCH;
  }
  const t = lower.indexOf('t');
  const datePart = t < 0 ? lower : lower.slice(0, t);
  const timePart = t < 0 ? '' : lower.slice(t + 1);
  return isDatePart(datePart) && (timePart === '' || isTimePart(timePart));
}

function isDatePart(text: string): boolean {
  const negative = text.startsWith('-');
  const parts = (negative ? text.slice(1) : text).split('-');
  if (parts.length > 3 || !parts.every((part) => /^\d+$/.test(part))) return false;
  const [year, month, day] = parts.map(Number);
  if (year === undefined) return false;
  const signedYear = negative ? -year : year;
  if (signedYear < MIN_YEAR || signedYear > MAX_YEAR) return false;
  if (month !== undefined && (month < 1 || month > 12)) return false;
  if (day !== undefined && (day < 1 || day > 31)) return false;
  return true;
}

function isTimePart(text: string): boolean {
  const match = TIME.exec(text);
  if (match === null) return false;
  const [, hours, minutes, seconds, , , zoneHours, zoneMinutes] = match;
  return (
    inRange(hours, 23) &&
    inRange(minutes, 59) &&
    inRange(seconds, 59) &&
    inRange(zoneHours, 23) &&
    inRange(zoneMinutes, 59)
  );
}

function inRange(digits: string | undefined, max: number): boolean {
  return digits === undefined || Number(digits) <= max;
}
