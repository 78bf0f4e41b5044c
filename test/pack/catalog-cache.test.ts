import { writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/registry.js';
import { DEMO_PACK, editedPack } from '../support/pack-fixture.js';

describe('loadCatalog', () => {
  it('gives the same catalog for a pack whose files it has loaded before, and a new one once a file changes', () => {
    const first = loadCatalog(DEMO_PACK);
    expect(loadCatalog(DEMO_PACK)).toBe(first);
    const copy = editedPack('pack.yaml', (text) => text.replace('version: 1.0.0', 'version: 1.0.1'));
    const edited = loadCatalog(copy);
    expect(edited).not.toBe(first);
    expect(edited.pack.manifest.version).toBe('1.0.1');
    const file = join(copy, 'pack.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('version: 1.0.1', 'version: 1.0.2'));
    expect(loadCatalog(copy).pack.manifest.version).toBe('1.0.2');
  });

  it('still reports a missing pack folder as an invalid pack', () => {
    expect(() => loadCatalog('/nonexistent/pack')).toThrow(/invalid/);
  });
});
