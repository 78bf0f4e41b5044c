import { hashRange, nodeIdsFor } from '../domain/merkle/subtree-range.js';
import { tileComplete, tilePath, tileRanges, TILE_WIDTH, type Tile } from '../domain/merkle/tile.js';
import { ProbityError } from '../errors.js';
import type { AuditStore } from '../store/audit-store.js';

/** An entry bundle's length prefix is two bytes: an audit entry is far shorter (a few hundred bytes). */
const MAX_ENTRY_BYTES = 0xffff;

/**
 * The audit log as C2SP tlog-tiles: hash tiles folded from the stored subtrees (leaves and every
 * third level), so serving a tile reads at most four stored nodes per hash and never rehashes
 * the log; entry bundles from the stored entry texts.
 */
export class LogTiles {
  constructor(private readonly deps: { readonly store: AuditStore }) {}

  /** The tile's hashes, 32 bytes each, left to right; not_found until the log holds all of them. */
  async hashTile(tile: Tile): Promise<Buffer> {
    await this.requireComplete(tile);
    const ranges = tileRanges(tile);
    const nodes = await this.deps.store.auditNodes(nodeIdsFor(ranges));
    return Buffer.concat(ranges.map((range) => hashRange(range, nodes)));
  }

  /** The tile's entries as the tree hashes them, each after its length as a big-endian uint16. */
  async entryBundle(tile: Tile): Promise<Buffer> {
    await this.requireComplete(tile);
    const first = tile.index * TILE_WIDTH;
    const rows = await this.deps.store.auditEntries(first, first + tile.width);
    return Buffer.concat(
      rows.flatMap((row) => {
        const entry = Buffer.from(row.text, 'utf8');
        if (entry.length > MAX_ENTRY_BYTES) throw new RangeError(`audit entry ${row.seq} is too long for a bundle`);
        const length = Buffer.alloc(2);
        length.writeUInt16BE(entry.length);
        return [length, entry];
      }),
    );
  }

  private async requireComplete(tile: Tile): Promise<void> {
    if (!tileComplete(tile, await this.deps.store.auditSize()))
      throw new ProbityError('not_found', `tile ${tile.level}/${tilePath(tile)} is not in the log yet`);
  }
}
