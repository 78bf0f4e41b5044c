import { describe, expect, it } from 'vitest';
import { plainJson } from '../../../src/domain/records/plain-json.js';
import { prototypeKeyPointer } from '../../../src/domain/records/prototype-keys.js';

describe('plainJson', () => {
  it('puts every string in NFC and keeps keys in their order', () => {
    const { value, errors } = plainJson({ b: 'Jose\u0301', a: ['Jose\u0301', 1, null, true] }, '/payload');
    expect(errors).toEqual([]);
    expect(JSON.stringify(value)).toBe('{"b":"Jos\u00e9","a":["Jos\u00e9",1,null,true]}');
  });

  it('refuses numbers that overflowed to Infinity, and invisible characters, each with its pointer', () => {
    const { errors } = plainJson(JSON.parse('{"n":[1,-1e309],"t":"a\\u200bb","k\\u202e":1}'), '/payload');
    expect(errors.map((e) => [e.code, e.path])).toEqual([
      ['invalid_field', '/payload/k\u202e'],
      ['invalid_payload', '/payload/n/1'],
      ['invalid_field', '/payload/t'],
    ]);
  });

  it('walks 100,000 levels of nesting without exhausting the stack', () => {
    const deep = JSON.parse(`${'['.repeat(100_000)}1e309${']'.repeat(100_000)}`);
    expect(plainJson(deep, '').errors).toHaveLength(1);
    expect(prototypeKeyPointer(JSON.parse(`${'{"a":'.repeat(100_000)}{"__proto__":1}${'}'.repeat(100_000)}`))).toBe(
      `${'/a'.repeat(100_000)}/__proto__`,
    );
  });

  it('keeps a "__proto__" key as a plain field of the copy, never as its prototype', () => {
    const { value } = plainJson(JSON.parse('{"__proto__":{"polluted":true}}'), '');
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.keys(value as object)).toEqual(['__proto__']);
  });
});
