import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * A hash of every file of a pack folder, names and contents: two folders with the same files give
 * the same catalog, and any edit gives another fingerprint. Reading the files is a few
 * milliseconds; parsing and compiling them is half a second. Undefined when `dir` is no folder.
 */
export function packFingerprint(dir: string): string | undefined {
  const hash = createHash('sha256');
  let entries;
  try {
    entries = readdirSync(dir, { recursive: true, withFileTypes: true });
  } catch {
    return undefined; // not a folder: checkPack says so, file by file
  }
  const files = entries
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
  for (const file of files) {
    hash.update(`${relative(dir, file)}\0`);
    hash.update(readFileSync(file));
    hash.update('\0');
  }
  return hash.digest('hex');
}
