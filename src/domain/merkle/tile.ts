import type { SubtreeRange } from './subtree-range.js';

/**
 * C2SP tlog-tiles: the tree cut into tiles of height 8. A tile at level L and index N holds the
 * hashes of up to 256 perfect subtrees of 256^L leaves each, the (256·N)th onwards; a partial
 * tile holds the first W of them, those complete in the tree so far.
 */
export const TILE_HEIGHT = 8;
export const TILE_WIDTH = 2 ** TILE_HEIGHT;
/** 256^5 leaves is past the trillion entries a node id can address (tree-nodes). */
export const MAX_TILE_LEVEL = 4;

export interface Tile {
  readonly level: number;
  readonly index: number;
  /** How many hashes (or entries) it holds: 256 for a full tile, fewer for a partial one. */
  readonly width: number;
}

/**
 * A tile index as a path: three-digit groups, all but the last prefixed with `x`
 * (1234067 → `x001/x234/067`), so no directory holds more than a thousand names.
 */
export function encodeTileIndex(index: number): string {
  const digits = String(index);
  const groups: string[] = [];
  for (let end = digits.length; end > 0; end -= 3)
    groups.unshift(digits.slice(Math.max(0, end - 3), end).padStart(3, '0'));
  return groups.map((group, i) => (i < groups.length - 1 ? `x${group}` : group)).join('/');
}

const INDEX_PATH = /^(?:x\d{3}\/)*\d{3}$/;
const PARTIAL = /^(.*)\.p\/(\d{1,3})$/;

/**
 * The tile a path names below `tile/<L>/` (or `tile/entries/`, level 0): `x001/x234/067` or
 * `x001/x234/067.p/12`. Only the canonical form is accepted (one name per tile, so caches
 * never hold two copies): no leading `x000` group, widths 1 to 255.
 */
export function parseTilePath(level: number, path: string): Tile | undefined {
  if (!Number.isInteger(level) || level < 0 || level > MAX_TILE_LEVEL) return undefined;
  const partial = PARTIAL.exec(path);
  const indexPath = partial ? partial[1]! : path;
  if (!INDEX_PATH.test(indexPath) || indexPath.startsWith('x000')) return undefined;
  const index = Number(indexPath.replaceAll('x', '').replaceAll('/', ''));
  if (!Number.isSafeInteger(index)) return undefined;
  const width = partial ? Number(partial[2]) : TILE_WIDTH;
  if (partial && (width < 1 || width >= TILE_WIDTH || partial[2] !== String(width))) return undefined;
  return { level, index, width };
}

/** The path of a tile below `tile/<L>/`: the inverse of parseTilePath. */
export function tilePath(tile: Tile): string {
  return `${encodeTileIndex(tile.index)}${tile.width < TILE_WIDTH ? `.p/${tile.width}` : ''}`;
}

/** The leaves under each hash of the tile, left to right. */
export function tileRanges(tile: Tile): SubtreeRange[] {
  const leaves = TILE_WIDTH ** tile.level;
  const first = tile.index * TILE_WIDTH;
  return Array.from({ length: tile.width }, (_, k) => ({
    start: (first + k) * leaves,
    end: (first + k + 1) * leaves,
  }));
}

/** Whether a tree of `size` leaves has every subtree the tile holds. */
export function tileComplete(tile: Tile, size: number): boolean {
  return tileRanges(tile).at(-1)!.end <= size;
}
