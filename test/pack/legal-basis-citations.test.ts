import { describe, expect, it } from 'vitest';
import { citationIn } from '../../src/domain/catalog/legal-basis-text.js';
import type { LegalBasis } from '../../src/domain/catalog/pack.js';
import { checkPack } from '../../src/pack/load-pack.js';
import { DEMO_PACK, editedPack, lineOf } from '../support/pack-fixture.js';

/** Every legal basis of the demo pack, named `section/code` for readable failures. */
function demoLegalBases(): readonly { name: string; legalBasis: LegalBasis }[] {
  const check = checkPack(DEMO_PACK);
  if (!check.ok) throw new Error('demo pack invalid');
  const { recordTypes, lists, restrictions } = check.pack;
  return [
    ...recordTypes.map((t) => ({ name: `recordTypes/${t.code}`, legalBasis: t.legalBasis })),
    ...lists.map((l) => ({ name: `lists/${l.code}`, legalBasis: l.legalBasis })),
    ...restrictions.map((r) => ({ name: `restrictions/${r.code}`, legalBasis: r.legalBasis })),
  ];
}

const HAN = /\p{Script=Han}/u;
/** A title in Chinese book-title marks, as official citations quote a law or document. */
const QUOTED_TITLE = /《[^《》]+》/u;

describe('legal bases of the demo pack', () => {
  const bases = demoLegalBases();

  it('covers every record type, list and restriction', () => {
    expect(bases.length).toBeGreaterThanOrEqual(100);
  });

  it('cite each law in Chinese, its title in 《》', () => {
    const missing = bases.filter(({ legalBasis }) => {
      const zh = legalBasis.localCitation?.zh ?? '';
      return !HAN.test(zh) || !QUOTED_TITLE.test(zh);
    });
    expect(missing.map((b) => b.name)).toEqual([]);
  });

  it('pair every 《 with a 》, so no title is left open', () => {
    const unbalanced = bases.filter(({ legalBasis }) => {
      const zh = legalBasis.localCitation?.zh ?? '';
      return zh.split('《').length !== zh.split('》').length || /《[^》]*《/u.test(zh);
    });
    expect(unbalanced.map((b) => b.name)).toEqual([]);
  });

  it('keep the English citation unchanged as the English text', () => {
    const drifted = bases.filter(({ legalBasis }) => legalBasis.localCitation?.en !== legalBasis.citation);
    expect(drifted.map((b) => b.name)).toEqual([]);
  });

  it('show the Chinese citation on a Chinese page and the English one on an English page', () => {
    const listing = bases.find((b) => b.name === 'lists/dishonest-judgment-debtors');
    if (!listing) throw new Error('no dishonest-debtor list');
    expect(citationIn(listing.legalBasis, 'zh')).toContain('《最高人民法院关于公布失信被执行人名单信息的若干规定》');
    expect(citationIn(listing.legalBasis, 'en')).toBe(listing.legalBasis.citation);
  });
});

describe('a legal basis in a pack', () => {
  it('refuses a local citation that lacks a language', () => {
    const dir = editedPack('lists.yaml', (text) =>
      text.replace(/\n( +)zh: 《最高人民法院关于公布失信被执行人名单信息的若干规定》[^\n]*/u, ''),
    );
    const check = checkPack(dir);
    if (check.ok) throw new Error('expected the pack to be invalid');
    expect(check.problems).toContainEqual(
      expect.objectContaining({ line: lineOf('lists.yaml', 'localCitation:'), message: 'zh is required' }),
    );
  });
});
