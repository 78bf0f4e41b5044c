import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeTileIndex, parseTilePath, tilePath, tileRanges } from '../../../src/domain/merkle/tile.js';

describe('C2SP tlog-tiles paths', () => {
  it('encodes an index in three-digit groups, the spec’s example included', () => {
    // https://c2sp.org/tlog-tiles: "the tile index 1234067 is encoded as x001/x234/067".
    expect(encodeTileIndex(1234067)).toBe('x001/x234/067');
    expect(encodeTileIndex(0)).toBe('000');
    expect(encodeTileIndex(999)).toBe('999');
    expect(encodeTileIndex(1000)).toBe('x001/000');
    expect(tilePath({ level: 1, index: 1234067, width: 12 })).toBe('x001/x234/067.p/12');
  });

  it('parses every canonical path back to its tile, full or partial (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 4 }),
        fc.integer({ min: 0, max: 2 ** 40 }),
        fc.integer({ min: 1, max: 256 }),
        (level, index, width) => {
          expect(parseTilePath(level, tilePath({ level, index, width }))).toEqual({ level, index, width });
        },
      ),
    );
  });

  it.each([
    ['x000/067', 'a leading zero group'],
    ['1234', 'a group of four digits'],
    ['67', 'a group of two digits'],
    ['x001/x234/067.p/0', 'a width of 0'],
    ['x001/x234/067.p/256', 'a partial tile as wide as a full one'],
    ['x001/x234/067.p/012', 'a width with a leading zero'],
    ['x001/x234/067/', 'a trailing slash'],
    ['../067', 'a path outside the tiles'],
  ])('refuses %s (%s): one name per tile', (path) => {
    expect(parseTilePath(0, path)).toBeUndefined();
  });

  it('refuses levels beyond what the log can hold', () => {
    expect(parseTilePath(5, '000')).toBeUndefined();
    expect(parseTilePath(-1, '000')).toBeUndefined();
  });

  it('puts 256^L leaves under each hash of a level-L tile', () => {
    expect(tileRanges({ level: 0, index: 2, width: 2 })).toEqual([
      { start: 512, end: 513 },
      { start: 513, end: 514 },
    ]);
    expect(tileRanges({ level: 1, index: 0, width: 3 }).at(-1)).toEqual({ start: 512, end: 768 });
  });
});
