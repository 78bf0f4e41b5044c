import fc from 'fast-check';

/** A JSON value written as raw text, so it can be what JSON.stringify never writes (`1e309`, 10,000 levels). */
export interface RawJson {
  readonly label: string;
  readonly text: string;
}

const raw = (label: string, text: string): RawJson => ({ label, text });
const quoted = (label: string, value: string): RawJson => raw(label, JSON.stringify(value));
const ONE_MIB = 1024 * 1024;

/** Numbers a parser may turn into Infinity, lose precision on, or keep as -0. */
export const hostileNumber: fc.Arbitrary<RawJson> = fc.constantFrom(
  raw('1e309', '1e309'),
  raw('-1e309', '-1e309'),
  raw('2^64', '18446744073709551616'),
  raw('-0', '-0'),
  raw('1e-400', '1e-400'),
  raw('30 digits', '123456789012345678901234567890'),
  raw('-2^63-1', '-9223372036854775809'),
);

/** Strings that are odd to Unicode-aware code: lone surrogates, NUL, bidirectional overrides, zero-width, NFD, a BOM. */
export const oddUnicode: fc.Arbitrary<RawJson> = fc.constantFrom(
  raw('lone high surrogate', '"\\ud800"'),
  raw('lone low surrogate', '"x\\udfffy"'),
  quoted('NUL', 'a\u0000b'),
  quoted('bidi override', '\u202Egnp.exe'),
  quoted('zero-width', 'F\u200B-1'),
  quoted('NFD', 'Jose\u0301'),
  quoted('BOM', '\uFEFFF-1'),
  quoted('newline', 'a\r\nb'),
  quoted('emoji', '👨‍👩‍👧'),
);

/** Structures that exhaust a recursive parser or validator. */
export const deepNesting: fc.Arbitrary<RawJson> = fc.constantFrom(
  raw('10,000 nested arrays', `${'['.repeat(10_000)}${']'.repeat(10_000)}`),
  raw('10,000 nested objects', `${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`),
);

/** Long strings: one of more than a mebibyte, one long line of digits. */
export const longString: fc.Arbitrary<RawJson> = fc.constantFrom(
  raw('1 MiB + 1 string', JSON.stringify('x'.repeat(ONE_MIB + 1))),
  raw('100,000 digits', '9'.repeat(100_000)),
);

/** Keys that reach an object's prototype when a body is merged carelessly. */
export const prototypeKeys: fc.Arbitrary<RawJson> = fc.constantFrom(
  raw('__proto__', '{"__proto__":{"polluted":true}}'),
  raw('constructor.prototype', '{"constructor":{"prototype":{"polluted":true}}}'),
);

/** Plain wrong types in the place of a value. */
export const wrongType: fc.Arbitrary<RawJson> = fc.constantFrom(
  raw('null', 'null'),
  raw('true', 'true'),
  raw('[]', '[]'),
  raw('{}', '{}'),
  raw('string', '"x"'),
  raw('number', '42'),
);

/** Any of the hostile values, long strings rarely (each costs a mebibyte). */
export const hostileValue: fc.Arbitrary<RawJson> = fc.oneof(
  { arbitrary: hostileNumber, weight: 4 },
  { arbitrary: oddUnicode, weight: 4 },
  { arbitrary: prototypeKeys, weight: 2 },
  { arbitrary: wrongType, weight: 2 },
  { arbitrary: deepNesting, weight: 1 },
  { arbitrary: longString, weight: 1 },
);

const PLACEHOLDER = '\u0001hostile\u0001';

/** The places in a JSON value where a hostile value can go: each leaf, and a new key in each object. */
function places(value: unknown, path: readonly (string | number)[] = []): (readonly (string | number)[])[] {
  if (Array.isArray(value)) return [path, ...value.flatMap((item, i) => places(item, [...path, i]))];
  if (value !== null && typeof value === 'object') {
    return [
      path,
      [...path, 'extra'],
      [...path, '__proto__'],
      ...Object.entries(value).flatMap(([key, item]) => places(item, [...path, key])),
    ];
  }
  return [path];
}

/** A copy of `value` with the hostile value's raw text at `path` (a new key is added where none was). */
export function withHostile(value: unknown, path: readonly (string | number)[], hostile: RawJson): string {
  const copy = JSON.parse(JSON.stringify(value ?? null)) as unknown;
  let text: string;
  if (path.length === 0) {
    text = JSON.stringify(PLACEHOLDER);
  } else {
    let parent = copy as Record<string | number, unknown>;
    for (const step of path.slice(0, -1)) parent = parent[step] as Record<string | number, unknown>;
    // defineProperty: a `__proto__` key must become an own key, as a JSON parser makes it.
    Object.defineProperty(parent, path.at(-1)!, {
      value: PLACEHOLDER,
      enumerable: true,
      writable: true,
      configurable: true,
    });
    text = JSON.stringify(copy);
  }
  return text.replace(JSON.stringify(PLACEHOLDER), hostile.text);
}

/** A valid body made hostile in one place, with a label saying how. */
export function hostileVariantOf(valid: unknown): fc.Arbitrary<{ label: string; text: string }> {
  const spots = places(valid);
  return fc.tuple(fc.constantFrom(...spots), hostileValue).map(([path, hostile]) => ({
    label: `${hostile.label} at /${path.join('/')}`,
    text: withHostile(valid, path, hostile),
  }));
}

/** Content types a client may wrongly send, with the body as that type would carry it. */
export const wrongContentType: fc.Arbitrary<{
  label: string;
  contentType: string | undefined;
  body: (json: string) => string;
}> = fc.constantFrom(
  { label: 'text/plain', contentType: 'text/plain', body: (json: string) => json },
  { label: 'form-encoded', contentType: 'application/x-www-form-urlencoded', body: () => 'a=1&__proto__[x]=1&b=%ZZ' },
  {
    label: 'multipart without a file',
    contentType: 'multipart/form-data; boundary=xyz',
    body: () => '--xyz\r\nContent-Disposition: form-data; name="grounds"\r\n\r\nno file\r\n--xyz--\r\n',
  },
  { label: 'multipart without a boundary', contentType: 'multipart/form-data', body: () => 'garbage' },
  { label: 'no content type', contentType: undefined, body: (json: string) => json },
  { label: 'JSON in UTF-16', contentType: 'application/json; charset=utf-16', body: (json: string) => json },
  { label: 'garbage media type', contentType: '\u00ff/\u00ff;;;', body: (json: string) => json },
  {
    label: 'NDJSON to a JSON route',
    contentType: 'application/x-ndjson',
    body: (json: string) => `${json}\n${json}\n`,
  },
  {
    label: 'truncated JSON',
    contentType: 'application/json',
    body: (json: string) => json.slice(0, Math.max(1, json.length >> 1)),
  },
);

/** Ways of writing a path that a router may decode, normalise or choke on. */
export function hostilePathOf(path: string): fc.Arbitrary<{ label: string; path: string }> {
  const [pathname = '/', query] = path.split('?');
  const suffix = query === undefined ? '' : `?${query}`;
  const letter = pathname.search(/[a-z]/i);
  const encodeAt = (at: number, code: (c: number) => string) =>
    at < 0 ? pathname : pathname.slice(0, at) + code(pathname.charCodeAt(at)) + pathname.slice(at + 1);
  const segments = pathname.split('/');
  const lastSegment = (replacement: string) => [...segments.slice(0, -1), replacement].join('/');
  const variants = [
    { label: 'one letter percent-encoded', path: encodeAt(letter, (c) => `%${c.toString(16).toUpperCase()}`) + suffix },
    { label: 'double-encoded letter', path: encodeAt(letter, (c) => `%25${c.toString(16)}`) + suffix },
    {
      label: 'overlong UTF-8 letter',
      path: encodeAt(letter, (c) => `%C1%${(0x80 | (c & 0x3f)).toString(16).toUpperCase()}`) + suffix,
    },
    { label: 'slashes as %2F', path: `/${pathname.slice(1).replaceAll('/', '%2F')}${suffix}` },
    { label: 'dot segments', path: `/x/..${pathname}/./${suffix}` },
    { label: 'encoded dot segments', path: `/x/%2e%2e${pathname}${suffix}` },
    { label: 'double slash', path: `/${pathname}${suffix}` },
    { label: 'trailing slash', path: `${pathname}/${suffix}` },
    { label: 'lone %', path: `${pathname}%${suffix}` },
    { label: 'NUL', path: `${pathname}%00${suffix}` },
    { label: 'lone surrogate in UTF-8', path: lastSegment('%ED%A0%80') + suffix },
    { label: 'invalid UTF-8', path: lastSegment('%FF%FE') + suffix },
    { label: '100,000 characters', path: lastSegment('a'.repeat(100_000)) + suffix },
    { label: 'matrix parameter', path: `${pathname};jsessionid=1${suffix}` },
    { label: 'query with __proto__', path: `${pathname}?__proto__[x]=1&constructor[prototype][x]=1&as=1e309&q=%00` },
    {
      label: 'query with a huge number',
      path: `${pathname}?limit=1e309&after=-1e309&index=18446744073709551616&size=-0&from=1e309&to=1&start=-0&end=1e309`,
    },
  ];
  return fc.constantFrom(...variants);
}

/** Header values that break parsers, logs or the echoed request id; raw bytes, for a socket. */
export const hostileHeader: fc.Arbitrary<{ label: string; line: string }> = fc.constantFrom(
  { label: 'x-request-id of 3,000 characters', line: `x-request-id: ${'a'.repeat(3_000)}` },
  { label: 'x-request-id with a bare newline', line: 'x-request-id: abc\ninjected: 1' },
  { label: 'x-request-id with non-ASCII', line: 'x-request-id: r\u00e9q-\u00ff' },
  { label: 'x-request-id with DEL', line: 'x-request-id: a\u007fb' },
  { label: 'non-ASCII cookie', line: 'cookie: probity_session=\u00e9\u00ff; lang=\u00e7' },
  { label: 'huge cookie', line: `cookie: probity_session=${'z'.repeat(6_000)}` },
  { label: 'malformed Authorization', line: 'authorization: Bearer' },
  { label: 'Authorization of two keys', line: 'authorization: Bearer pbt_a pbt_b' },
  { label: 'Authorization with non-ASCII', line: 'authorization: Bearer pbt_\u00e9\u00ff' },
  { label: 'Basic Authorization', line: 'authorization: Basic Og==' },
  { label: 'huge Authorization', line: `authorization: Bearer pbt_${'A'.repeat(8_000)}` },
  { label: 'Accept-Language garbage', line: 'accept-language: \u00ff;q=1e309, *;q=-0' },
  { label: 'huge content-length', line: 'content-length: 18446744073709551616' },
);
