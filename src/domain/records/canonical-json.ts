import canonicalizeModule from 'canonicalize';

// canonicalize is CommonJS; under NodeNext its default export is the module object.
const canonicalize = canonicalizeModule as unknown as (value: unknown) => string | undefined;

/** RFC 8785 (JCS) canonical JSON of a value: the same data always gives the same text. */
export function canonicalJson(value: unknown): string {
  const text = canonicalize(value);
  if (text === undefined) throw new TypeError('value has no JSON form');
  return text;
}
