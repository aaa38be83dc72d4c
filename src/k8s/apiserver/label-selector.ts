// Label selectors as the API server reads `labelSelector=` (k8s.io/apimachinery labels.Parse):
// `k`, `!k`, `k=v`, `k==v`, `k!=v`, `k in (a,b)`, `k notin (a,b)`, `k>n`, `k<n`, comma = AND.

type Requirement =
  | { op: 'exists' | 'notexists'; key: string }
  | { op: 'eq' | 'neq'; key: string; value: string }
  | { op: 'in' | 'notin'; key: string; values: readonly string[] }
  | { op: 'gt' | 'lt'; key: string; value: number };

/** A parsed label selector; `matches` tests an object's labels. */
export interface LabelSelector {
  readonly source: string;
  matches(labels: Readonly<Record<string, string>> | undefined): boolean;
}

/** Thrown for a selector the API server would refuse with 400 BadRequest. */
export class SelectorParseError extends Error {
  override readonly name = 'SelectorParseError';
}

/** Parses a label selector; the empty selector matches everything. */
export function parseLabelSelector(source: string): LabelSelector {
  const requirements = splitRequirements(source).map(parseRequirement);
  return {
    source,
    matches: (labels) => requirements.every((r) => matchRequirement(r, labels ?? {})),
  };
}

function splitRequirements(source: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of source) {
    if (ch === '(') depth += 1;
    if (ch === ')') depth -= 1;
    if (ch === ',' && depth === 0) {
      parts.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  parts.push(current);
  const trimmed = parts.map((p) => p.trim());
  if (trimmed.length === 1 && trimmed[0] === '') return [];
  return trimmed;
}

const KEY = String.raw`[A-Za-z0-9]([-A-Za-z0-9_./]*[A-Za-z0-9])?`;
const VALUE = String.raw`([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?`;

function parseRequirement(text: string): Requirement {
  if (text === '') throw new SelectorParseError('unable to parse requirement: found \'\', expected: identifier');
  let m = new RegExp(`^!\\s*(${KEY})$`).exec(text);
  if (m?.[1] !== undefined) return { op: 'notexists', key: m[1] };
  m = new RegExp(`^(${KEY})$`).exec(text);
  if (m?.[1] !== undefined) return { op: 'exists', key: m[1] };
  m = new RegExp(`^(${KEY})\\s*(==|=|!=)\\s*(${VALUE})$`).exec(text);
  if (m?.[1] !== undefined && m[3] !== undefined && m[4] !== undefined) {
    return { op: m[3] === '!=' ? 'neq' : 'eq', key: m[1], value: m[4] };
  }
  m = new RegExp(`^(${KEY})\\s+(in|notin)\\s*\\(([^)]*)\\)$`).exec(text);
  if (m?.[1] !== undefined && m[3] !== undefined && m[4] !== undefined) {
    const values = m[4].split(',').map((v) => v.trim());
    for (const v of values) {
      if (!new RegExp(`^${VALUE}$`).test(v)) throw new SelectorParseError(`unable to parse requirement: invalid label value: "${v}"`);
    }
    return { op: m[3] === 'in' ? 'in' : 'notin', key: m[1], values };
  }
  m = new RegExp(`^(${KEY})\\s*([<>])\\s*(-?\\d+)$`).exec(text);
  if (m?.[1] !== undefined && m[3] !== undefined && m[4] !== undefined) {
    return { op: m[3] === '>' ? 'gt' : 'lt', key: m[1], value: Number(m[4]) };
  }
  throw new SelectorParseError(`unable to parse requirement: ${JSON.stringify(text)}`);
}

function matchRequirement(r: Requirement, labels: Readonly<Record<string, string>>): boolean {
  const has = Object.hasOwn(labels, r.key);
  const value = labels[r.key];
  switch (r.op) {
    case 'exists':
      return has;
    case 'notexists':
      return !has;
    case 'eq':
      return has && value === r.value;
    // `!=` and `notin` also select objects that lack the label (labels.Requirement.Matches).
    case 'neq':
      return !has || value !== r.value;
    case 'in':
      return has && value !== undefined && r.values.includes(value);
    case 'notin':
      return !has || value === undefined || !r.values.includes(value);
    case 'gt':
    case 'lt': {
      if (!has || value === undefined || !/^-?\d+$/.test(value)) return false;
      return r.op === 'gt' ? Number(value) > r.value : Number(value) < r.value;
    }
    default: {
      const never: never = r;
      return never;
    }
  }
}
