import { describe, expect, it } from 'vitest';
import { cnRic } from '../../../src/domain/identifiers/cn-ric.js';
import { cnUscc } from '../../../src/domain/identifiers/cn-uscc.js';
import { IDENTIFIER_SCHEMES, identifierScheme } from '../../../src/domain/identifiers/identifier-schemes.js';
import { lei } from '../../../src/domain/identifiers/lei.js';

describe('IDENTIFIER_SCHEMES', () => {
  it('holds the three schemes under their codes', () => {
    expect([...IDENTIFIER_SCHEMES.keys()]).toEqual(['CN-RIC', 'CN-USCC', 'LEI']);
    for (const [code, scheme] of IDENTIFIER_SCHEMES) expect(scheme.code).toBe(code);
  });

  it('has a title for every scheme', () => {
    for (const scheme of IDENTIFIER_SCHEMES.values()) expect(scheme.title).not.toBe('');
  });
});

describe('identifierScheme', () => {
  it('finds each scheme by its code', () => {
    expect(identifierScheme('CN-RIC')).toBe(cnRic);
    expect(identifierScheme('CN-USCC')).toBe(cnUscc);
    expect(identifierScheme('LEI')).toBe(lei);
  });

  it.each(['', 'lei', 'cn-ric', 'IBAN', 'constructor', '__proto__'])('finds nothing for %j', (code) => {
    expect(identifierScheme(code)).toBeUndefined();
  });
});
