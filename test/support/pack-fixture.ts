import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { testTempDir } from './temp-dir.js';

export const DEMO_PACK = join(import.meta.dirname, '..', '..', 'config', 'demo-pack');

/** A copy of the demo pack in a temp folder, with `edit` applied to one file's text. */
export function editedPack(file: string, edit: (text: string) => string): string {
  const dir = testTempDir('probity-pack-');
  cpSync(DEMO_PACK, dir, { recursive: true });
  const path = join(dir, file);
  const before = readFileSync(path, 'utf8');
  const after = edit(before);
  if (after === before) throw new Error(`edit of ${file} changed nothing`);
  writeFileSync(path, after);
  return dir;
}

/** The 1-based line of the first occurrence of `needle` in a demo pack file. */
export function lineOf(file: string, needle: string, from = 0): number {
  const text = readFileSync(join(DEMO_PACK, file), 'utf8');
  const at = text.indexOf(needle, from);
  if (at < 0) throw new Error(`${needle} not in ${file}`);
  return text.slice(0, at).split('\n').length;
}
