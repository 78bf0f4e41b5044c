import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';

/**
 * Files that hold personal data (the database, its journal, the demo population, rejected
 * lines) are readable by their owner only, whatever the umask: another account on the
 * machine must not be able to copy the registry.
 */

/** Creates a folder (and missing parents) only its owner can enter; a folder that exists already keeps its mode. */
export function makePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
}

/** Makes the file (created empty when missing) readable and writable by its owner only. */
export function makePrivateFile(path: string): void {
  closeSync(openSync(path, 'a', 0o600));
  chmodSync(path, 0o600);
}

/** Narrows files that exist already to their owner (a data folder from an older version). */
export function narrowToOwner(...paths: readonly string[]): void {
  for (const path of paths) if (existsSync(path)) chmodSync(path, 0o600);
}
