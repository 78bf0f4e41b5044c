import { describe, expect, it } from 'vitest';
import type { AuditActor } from '../../src/domain/audit/audit-entry.js';
import { accessSentence } from '../../src/http/portal/portal-pages.js';
import { wordsFor, PORTAL_LANGUAGES } from '../../src/http/portal/portal-messages.js';
import { ACCESS_ACTIONS, type AccessView } from '../../src/services/subject-data.js';
import { demoCatalog } from '../support/catalog.js';

const catalog = demoCatalog();
const view = (action: string, actor: AuditActor, detail?: AccessView['detail']): AccessView => ({
  seq: 1,
  time: '2026-12-06T16:30:00.000Z',
  action,
  actor,
  detail,
});
const airChina: AuditActor = { kind: 'relying_party', id: 'air-china' };
const check = { action: 'air.ticket.any', purpose: 'ticket_sale', decision: 'allow' };
/** What a machine would write: a dotted or snake_case code, a ULID, a hex tag. */
const MACHINE_CODE = /\b[a-z]+[._][a-z_.]+\b|\b[0-9A-HJKMNP-TV-Z]{26}\b|\b[0-9a-f]{16,}\b/;

describe('who looked, in sentences', () => {
  it('tells a check as who asked what, and the answer, in the pack’s words', () => {
    const en = wordsFor('en', catalog.timeZone);
    const zh = wordsFor('zh', catalog.timeZone);
    expect(accessSentence(en, catalog, view('check.performed', airChina, check))).toBe(
      'Air China checked whether you may buy an air ticket of any class: allowed.',
    );
    expect(accessSentence(en, catalog, view('check.performed', airChina, { ...check, decision: 'deny' }))).toBe(
      'Air China checked whether you may buy an air ticket of any class: not allowed.',
    );
    expect(accessSentence(zh, catalog, view('check.performed', airChina, check))).toBe(
      '中国国际航空股份有限公司查询了您能否乘坐民航飞机（任何舱位）：可以。',
    );
  });

  it('shows times on the jurisdiction’s clock', () => {
    const en = wordsFor('en', catalog.timeZone);
    expect(en.minute('2026-12-06T16:30:00.000Z')).toBe('2026-12-07 00:30');
    expect(en.zoneName).toBe('China Standard Time');
  });

  const actors: AuditActor[] = [
    airChina,
    { kind: 'institution', id: catalog.pack.institutions[0]!.code },
    { kind: 'subject', id: '01JZ0000000000000000000000' },
    { kind: 'public', id: 'anyone' },
    { kind: 'staff', id: 'staff-reviewer' },
    { kind: 'operator', id: 'op-ada' },
  ];
  for (const language of PORTAL_LANGUAGES) {
    it.each([...ACCESS_ACTIONS])(`has a ${language} sentence without codes for %s, whoever did it`, (action) => {
      const words = wordsFor(language, catalog.timeZone);
      for (const actor of actors) {
        const sentence = accessSentence(words, catalog, view(action, actor, check));
        expect(sentence).not.toMatch(MACHINE_CODE);
        expect(sentence).not.toContain(actor.id);
        if (language === 'zh') expect(sentence).toMatch(/[\u4e00-\u9fff]/);
      }
    });
  }
});
