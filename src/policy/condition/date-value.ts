// Date condition values, in the policy and in the request (aws:CurrentTime, aws:EpochTime,
// aws:TokenIssueTime). IAM User Guide, "IAM JSON policy elements: Condition operators" (Date condition
// operators): "You must specify date/time values with one of the W3C implementations of the ISO 8601
// date formats or in epoch (UNIX) time"; "Wildcards are not permitted for date condition operators".
// The forms read are those IAM's legacy parser accepts when it stores a policy (observed IAM API
// behaviour; see parse/date-value.ts): all digits is epoch seconds (so `2020` is 1970-01-01T00:33:40Z,
// not the year 2020); otherwise `[-]YYYY[-MM[-DD]]`, optionally `T` and `hh[:mm[:ss[.fraction]]]` with
// `Z` or `±hh[[:]mm]`, `T`/`Z` in either case. A time without an offset is UTC. A day past the end of
// its month (`2021-02-30`) is not a date. Dates compare as instants, in milliseconds since the epoch.

const TIME = /^(\d{1,2})(?::(\d{1,2})(?::(\d{1,2})(?:\.(\d{1,9}))?)?)?(?:(z)|([+-])(\d{2})(?::?(\d{2}))?)?$/;
const MIN_YEAR = -292275054;
const MAX_YEAR = 292278993;
const DAY_MS = 86_400_000;

let lastText: string | undefined;
let lastValue = Number.NaN;

/** The instant (ms since the epoch) a Date condition value stands for, or NaN. Remembers the last one. */
export function readDate(text: string): number {
  if (text === lastText) return lastValue;
  const value = parseDate(text);
  lastText = text;
  lastValue = value;
  return value;
}

function parseDate(text: string): number {
  if (/^\d+$/.test(text)) {
    if (text.length > 19 || BigInt(text) > 9223372036854775807n) return Number.NaN;
    return Number(text) * 1000;
  }
  const t = text.search(/[tT]/);
  const datePart = t < 0 ? text : text.slice(0, t);
  const timePart = t < 0 ? '' : text.slice(t + 1);
  if (t < 0 && !datePart.includes('-')) return Number.NaN;
  const day = parseDay(datePart);
  if (Number.isNaN(day)) return Number.NaN;
  if (timePart === '') return day * DAY_MS;
  const time = parseTime(timePart);
  return Number.isNaN(time) ? Number.NaN : day * DAY_MS + time;
}

/** Days since 1970-01-01 for `[-]Y[-M[-D]]`, or NaN. */
function parseDay(text: string): number {
  const negative = text.startsWith('-');
  const parts = (negative ? text.slice(1) : text).split('-');
  if (parts.length > 3 || !parts.every((part) => /^\d+$/.test(part))) return Number.NaN;
  const [y, m = '1', d = '1'] = parts;
  const year = (negative ? -1 : 1) * Number(y);
  const month = Number(m);
  const dayOfMonth = Number(d);
  if (year < MIN_YEAR || year > MAX_YEAR || month < 1 || month > 12) return Number.NaN;
  if (dayOfMonth < 1 || dayOfMonth > daysInMonth(year, month)) return Number.NaN;
  return daysFromCivil(year, month, dayOfMonth);
}

/** Milliseconds from midnight UTC for `hh[:mm[:ss[.f]]][offset]`, or NaN. */
function parseTime(text: string): number {
  const match = TIME.exec(text.toLowerCase());
  if (match === null) return Number.NaN;
  const [, h, m = '0', s = '0', fraction, , sign, offsetHours = '0', offsetMinutes = '0'] = match;
  const hours = Number(h);
  const minutes = Number(m);
  const seconds = Number(s);
  if (hours > 23 || minutes > 59 || seconds > 59 || Number(offsetHours) > 23 || Number(offsetMinutes) > 59) return Number.NaN;
  const offset = (sign === '-' ? -1 : 1) * (Number(offsetHours) * 60 + Number(offsetMinutes));
  const millis = fraction === undefined ? 0 : Number(`0.${fraction}`) * 1000;
  return ((hours * 60 + minutes - offset) * 60 + seconds) * 1000 + millis;
}

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeap(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Days since 1970-01-01 in the proleptic Gregorian calendar, for any year (JavaScript Dates stop at ±275,760). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}
