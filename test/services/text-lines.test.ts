import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { textLines, type TextLine } from '../../src/services/text-lines.js';

const collect = async (chunks: (Buffer | string)[], maxLineBytes?: number) => {
  const lines: TextLine[] = [];
  for await (const line of textLines(chunks, maxLineBytes)) lines.push(line);
  return lines;
};

describe('textLines', () => {
  it('splits on LF and CRLF, keeps blank lines, and yields a last line without an ending', async () => {
    expect(await collect(['a\r\nb', '\n\nc'])).toEqual(['a', 'b', '', 'c']);
    expect(await collect(['a\n'])).toEqual(['a']);
    expect(await collect([])).toEqual([]);
  });

  it('decodes a character split across chunks', async () => {
    const bytes = Buffer.from('张三\n李四\n');
    expect(await collect([bytes.subarray(0, 2), bytes.subarray(2, 8), bytes.subarray(8)])).toEqual(['张三', '李四']);
  });

  it('gives the same lines however the bytes are cut into chunks', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.string({ unit: 'grapheme', maxLength: 8 }).filter((s) => !/[\r\n]/.test(s)),
          { maxLength: 20 },
        ),
        fc.array(fc.nat(), { maxLength: 10 }),
        async (lines, cuts) => {
          const bytes = Buffer.from(lines.map((l) => `${l}\n`).join(''));
          const points = [...new Set(cuts.map((c) => (bytes.length === 0 ? 0 : c % bytes.length)))].sort(
            (a, b) => a - b,
          );
          const chunks = [0, ...points].map((from, i, all) => bytes.subarray(from, all[i + 1] ?? bytes.length));
          expect(await collect(chunks)).toEqual(lines);
        },
      ),
    );
  });

  describe('with a line limit (issue 14, defect 3)', () => {
    it('reports a line over the limit with its length and goes on with the next', async () => {
      expect(await collect(['ab', 'cdef', 'g\nok\n', 'xyz'], 4)).toEqual([
        { kind: 'too_long', bytes: 7, limit: 4 },
        'ok',
        'xyz',
      ]);
    });

    it('counts the limit without the line ending, CRLF included', async () => {
      expect(await collect(['abcd\r', '\nabcde\r\n'], 4)).toEqual(['abcd', { kind: 'too_long', bytes: 5, limit: 4 }]);
    });

    it('reports a last line without an ending that is over the limit', async () => {
      expect(await collect(['a\n', 'x'.repeat(10)], 4)).toEqual(['a', { kind: 'too_long', bytes: 10, limit: 4 }]);
    });

    it('splits in linear time: a 20 MB line in 64 KiB chunks takes well under a second', async () => {
      const chunk = Buffer.alloc(64 * 1024, 'x');
      const chunks = [...Array.from({ length: 320 }, () => chunk), Buffer.from('\nnext\n')];
      const started = performance.now();
      expect(await collect(chunks, 1024 * 1024)).toEqual([
        { kind: 'too_long', bytes: 320 * 64 * 1024, limit: 1024 * 1024 },
        'next',
      ]);
      // Also holds a line just under the limit without copying it per chunk.
      const under = [...Array.from({ length: 15 }, () => chunk), Buffer.from('\n')];
      expect(((await collect(under, 1024 * 1024))[0] as string).length).toBe(15 * 64 * 1024);
      expect(performance.now() - started).toBeLessThan(1000);
    });
  });
});
