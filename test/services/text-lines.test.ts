import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { textLines } from '../../src/services/text-lines.js';

const collect = async (chunks: (Buffer | string)[]) => {
  const lines: string[] = [];
  for await (const line of textLines(chunks)) lines.push(line);
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
      fc.asyncProperty(fc.array(fc.string({ unit: 'grapheme', maxLength: 8 }).filter((s) => !/[\r\n]/.test(s)), { maxLength: 20 }), fc.array(fc.nat(), { maxLength: 10 }), async (lines, cuts) => {
        const bytes = Buffer.from(lines.map((l) => `${l}\n`).join(''));
        const points = [...new Set(cuts.map((c) => (bytes.length === 0 ? 0 : c % bytes.length)))].sort((a, b) => a - b);
        const chunks = [0, ...points].map((from, i, all) => bytes.subarray(from, all[i + 1] ?? bytes.length));
        expect(await collect(chunks)).toEqual(lines);
      }),
    );
  });
});
