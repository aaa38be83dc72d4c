import { describe, expect, it } from 'vitest';
import { RequestContext } from '../context.ts';
import { ANY_CHAR, ANY_RUN, compileTemplate, matchGlob, type GlobToken } from './index.ts';

const V = '2012-10-17';
const ctx = new RequestContext({
  'aws:username': 'David',
  'aws:PrincipalTag/team': 'blue',
  'aws:TagKeys': ['a', 'b'],
  'aws:empty': '',
  'aws:star': 'x*y?',
});

describe('IAM policy elements: Variables and tags — "The variable is marked using a $ prefix followed by a pair of curly braces"', () => {
  it('renders a variable from the request context', () => {
    const template = compileTemplate('home/${aws:username}/', V);
    expect(template.literal).toBe(false);
    expect(template.keys).toEqual(['aws:username']);
    expect(template.render(ctx)).toBe('home/David/');
  });

  it('reads variable names case-insensitively and reports them in lower case', () => {
    const template = compileTemplate('${AWS:PrincipalTag/Team}-${aws:USERNAME}-${aws:username}', V);
    expect(template.keys).toEqual(['aws:principaltag/team', 'aws:username']);
    expect(template.render(ctx)).toBe('blue-David-David');
  });

  it('renders an empty value as empty text', () => {
    expect(compileTemplate('[${aws:empty}]', V).render(ctx)).toBe('[]');
  });

  it('a value without variables is literal', () => {
    const template = compileTemplate('arn:aws:s3:::bucket/*', V);
    expect(template.literal).toBe(true);
    expect(template.keys).toEqual([]);
    expect(template.render(new RequestContext())).toBe('arn:aws:s3:::bucket/*');
  });

  it('a lone $ or { is literal text', () => {
    expect(compileTemplate('cost$ {x} $', V).render(ctx)).toBe('cost$ {x} $');
  });
});

describe('IAM policy elements: Variables and tags — policy variables with no value', () => {
  it('an absent key renders nothing', () => {
    expect(compileTemplate('home/${aws:userid}/', V).render(ctx)).toBeUndefined();
  });

  it('a multivalued key renders nothing ("you cannot use a multivalued context key as a policy variable")', () => {
    expect(compileTemplate('${aws:TagKeys}', V).render(ctx)).toBeUndefined();
  });
});

describe('IAM policy elements: Variables and tags — Specifying default values', () => {
  it("uses the default for an absent key (${aws:userid, 'anonymous'})", () => {
    const template = compileTemplate("arn:aws:s3:::/bucket/${aws:userid, 'anonymous'}", V);
    expect(template.keys).toEqual(['aws:userid']);
    expect(template.render(ctx)).toBe('arn:aws:s3:::/bucket/anonymous');
  });

  it('renders again when the request changes', () => {
    const template = compileTemplate("home/${aws:userid, 'anonymous'}/*", V);
    const first = new RequestContext({ 'aws:userid': 'A1' });
    const second = new RequestContext({ 'aws:userid': 'B2' });
    expect(template.render(first)).toBe('home/A1/*');
    expect(template.render(first)).toBe('home/A1/*');
    expect(template.render(second)).toBe('home/B2/*');
    expect(template.renderPattern(second)).toEqual<GlobToken[]>(['home/', 'B2', '/', ANY_RUN]);
    expect(template.render(new RequestContext())).toBe('home/anonymous/*');
    expect(template.renderPattern(first)).toEqual<GlobToken[]>(['home/', 'A1', '/', ANY_RUN]);
    expect(template.render(first)).toBe('home/A1/*');
  });

  it('ignores the default when the key is present', () => {
    expect(compileTemplate("${aws:username, 'nobody'}", V).render(ctx)).toBe('David');
  });

  it('uses the default for a multivalued key', () => {
    expect(compileTemplate("${aws:TagKeys, 'none'}", V).render(ctx)).toBe('none');
  });

  it('keeps braces, commas and spaces inside the quoted default', () => {
    expect(compileTemplate("${aws:userid, 'a }, b'}", V).render(ctx)).toBe('a }, b');
  });

  it('accepts an empty default', () => {
    expect(compileTemplate("x${aws:userid, ''}y", V).render(ctx)).toBe('xy');
  });
});

describe('IAM policy elements: Variables and tags — Special characters', () => {
  it('${*}, ${?} and ${$} render the literal characters and make no template variable', () => {
    const template = compileTemplate('a${*}b${?}c${$}d', V);
    expect(template.literal).toBe(true);
    expect(template.keys).toEqual([]);
    expect(template.render(new RequestContext())).toBe('a*b?c$d');
  });

  it('in a pattern, written wildcards are wildcards and special characters literal', () => {
    const pattern = compileTemplate('*${*}?${?}', V).renderPattern(ctx);
    expect(pattern).toEqual<GlobToken[]>([ANY_RUN, '*', ANY_CHAR, '?']);
  });

  it("in a pattern, a substituted value's wildcards are literal", () => {
    const pattern = compileTemplate('home/${aws:star}/*', V).renderPattern(ctx) ?? [];
    expect(matchGlob(pattern, 'home/x*y?/photos')).toBe(true);
    expect(matchGlob(pattern, 'home/xAyB/photos')).toBe(false);
    expect(matchGlob(pattern, 'home/x*y?')).toBe(false);
  });
});

describe('IAM policy elements: Variables and tags — "Variables were introduced in version 2012-10-17"', () => {
  it('under 2008-10-17 a variable is literal text', () => {
    const template = compileTemplate('home/${aws:username}', '2008-10-17');
    expect(template.literal).toBe(true);
    expect(template.keys).toEqual([]);
    expect(template.render(ctx)).toBe('home/${aws:username}');
  });

  it('without a Version a variable is literal text', () => {
    expect(compileTemplate('${*}', undefined).render(ctx)).toBe('${*}');
  });

  it('without a Version the * inside ${*} is a wildcard', () => {
    expect(compileTemplate('${*}', undefined).renderPattern(ctx)).toEqual<GlobToken[]>(['${', ANY_RUN, '}']);
  });
});

describe('IAM Access Analyzer policy checks — malformed variables (Missing brace, Empty variable, Unsupported space, Missing quote) match nothing', () => {
  for (const text of [
    'home/${aws:username',
    '${}',
    '${aws:user name}',
    '${ aws:username}',
    "${aws:userid, anonymous}",
    "${aws:userid, 'anonymous}",
    "${aws:userid, 'a' x}",
    "${*, 'x'}",
    '${aws:*}',
  ]) {
    it(`${text} renders nothing`, () => {
      const template = compileTemplate(text, V);
      expect(template.literal).toBe(false);
      expect(template.render(ctx)).toBeUndefined();
      expect(template.renderPattern(ctx)).toBeUndefined();
    });
  }

  it('the same text under 2008-10-17 is literal', () => {
    expect(compileTemplate('home/${aws:username', '2008-10-17').render(ctx)).toBe('home/${aws:username');
  });
});
