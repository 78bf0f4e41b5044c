import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../src/errors.js';

describe('the error code registry', () => {
  const doc = readFileSync(join(import.meta.dirname, '..', 'docs', 'errors.md'), 'utf8');
  const rows = new Map([...doc.matchAll(/^\| `([a-z_]+)` \| (\d{3}) \|/gm)].map((m) => [m[1], Number(m[2])]));

  it.each(Object.entries(ERROR_CODES))('documents %s with its HTTP status in docs/errors.md', (code, { status }) => {
    expect(rows.get(code)).toBe(status);
  });

  it('documents no code that the registry lacks', () => {
    expect([...rows.keys()].filter((code) => !(code! in ERROR_CODES))).toEqual([]);
  });
});
