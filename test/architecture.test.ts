import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? sourceFiles(join(dir, entry.name))
      : entry.name.endsWith('.ts')
        ? [join(dir, entry.name)]
        : [],
  );
}

function importsOf(file: string): string[] {
  return [...readFileSync(file, 'utf8').matchAll(/^\s*import\s[^'"]*['"]([^'"]+)['"]/gm)].map((m) => m[1]!);
}

/** Pure libraries the domain may use: no I/O, no clock, no randomness (json-schema-to-ts: types only). */
const DOMAIN_LIBRARIES = new Set([
  'ajv/dist/2020.js',
  'ajv',
  'ajv-formats',
  'canonicalize',
  'node:crypto',
  '@bufbuild/cel',
  'json-schema-to-ts',
]);

describe('src/domain', () => {
  it.each(sourceFiles(join(ROOT, 'src', 'domain')).map((f) => [relative(ROOT, f), f]))(
    '%s imports no I/O, store, HTTP or services',
    (_name, file) => {
      const offending = importsOf(file).filter((spec) =>
        spec.startsWith('.') ? /\/(store|http|cli|services|pack|gen)\//.test(spec) : !DOMAIN_LIBRARIES.has(spec),
      );
      expect(offending).toEqual([]);
    },
  );

  it('reads no clock and makes no randomness', () => {
    const uses = sourceFiles(join(ROOT, 'src', 'domain')).filter((file) =>
      /\bDate\.now\(|new Date\(\)|Math\.random\(|process\.env/.test(readFileSync(file, 'utf8')),
    );
    expect(uses.map((f) => relative(ROOT, f))).toEqual([]);
  });
});

describe('configuration', () => {
  it('reads process.env in src/config.ts only', () => {
    const readers = sourceFiles(join(ROOT, 'src'))
      .filter((file) => readFileSync(file, 'utf8').includes('process.env'))
      .map((f) => relative(ROOT, f));
    expect(readers).toEqual(['src/config.ts']);
  });
});

/**
 * Routes translate HTTP to a service call and back: src/http uses the store only through
 * services, and reads personal data through one that logs them (PersonalDataReads, SubjectData
 * for the subject's own). It imports from src/store only types.
 */

describe('src/http', () => {
  const files = sourceFiles(join(ROOT, 'src', 'http')).map((f) => [relative(ROOT, f), f]);

  it.each(files)('%s uses no store directly', (_name, file) => {
    const text = readFileSync(file, 'utf8');
    const valueImports = [...text.matchAll(/^\s*import\s+(?!type\b)[^'"]*['"]([^'"]+)['"]/gm)]
      .map((m) => m[1]!)
      .filter((spec) => /\/store\//.test(spec));
    const storeUses = [...text.matchAll(/\.store\s*\.\s*(\w+)/g)].map((m) => m[1]!);
    // The store under another name (`const { store } = registry`, `const s = registry.store`) would escape the check above.
    const aliases = [...text.matchAll(/\{[^}]*\bstore\b[^}]*\}\s*=\s*registry\b|=\s*registry\.store\s*[;,\n]/g)].map(
      (m) => m[0],
    );
    expect({ valueImports, storeUses, aliases }).toEqual({ valueImports: [], storeUses: [], aliases: [] });
  });
});
