import { describe, expect, it } from 'vitest';
import type { Dispute } from '../../src/domain/disputes/dispute.js';
import {
  institutionDecisionNotice,
  institutionNotice,
  subjectNotice,
  type DisputeStep,
} from '../../src/domain/notifications/dispute-notices.js';
import { listingNotice, negativeRecordNotice } from '../../src/domain/notifications/record-notices.js';
import { loadCatalog, openRegistry } from '../../src/registry.js';
import { composeMail } from '../../src/services/mail-composer.js';
import { demoCatalog } from '../support/catalog.js';
import { machineCodesIn } from '../support/machine-codes.js';
import { editedPack } from '../support/pack-fixture.js';

const catalog = demoCatalog();
const context = {
  recordType: catalog.recordType('transport.fare_evasion')!.title,
  institution: catalog.institution('sh-transport')!.name,
  disputesUrl: 'https://probity.example/me/disputes',
  sourceRef: '沪交执F-1',
};
// 17:00 UTC is 01:00 the next day in Shanghai: dates are the jurisdiction's.
const dispute = {
  deadline: '2026-02-04T17:00:00.000Z',
  suspends: false,
  grounds: 'It was my son’s card.',
  answer: { kind: 'verify', reason: 'The card was used at the gate.' },
  decision: { outcome: 'partially_upheld', reasons: 'Half of it was right.' },
} as unknown as Dispute;

describe('composeMail: e-mails from the message catalogs, in each of the pack’s languages', () => {
  const every = [
    negativeRecordNotice(
      context.recordType,
      context.institution,
      '2026-01-10T08:00:00.000Z',
      'https://p.example/me/records',
    ),
    listingNotice(
      catalog.list('dishonest-judgment-debtors')!.title,
      '2026-01-25T00:00:00.000Z',
      'https://p.example/me/lists',
    ),
    ...(['filed', 'answered', 'decided', 'lapsed'] as DisputeStep[]).map((step) =>
      subjectNotice(step, dispute, context),
    ),
    institutionNotice(dispute, context, 'https://p.example/v1/institution/disputes'),
    institutionDecisionNotice(dispute, context, 'https://p.example/v1/institution/disputes'),
  ];

  it('writes every e-mail in English then Chinese, in words: no placeholder, code or id left', () => {
    for (const text of every) {
      const mail = composeMail(text, catalog);
      expect(mail.subject).toMatch(/^Probity: [^/]+ \/ [^/]+$/);
      expect(mail.text).not.toMatch(/[{}]/);
      expect(machineCodesIn(mail.text), mail.subject).toEqual([]);
      const [en, zh] = mail.text.split('\n\n');
      expect(en).toMatch(/[A-Za-z]/);
      expect(zh).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('says the step, the answer and the outcome in each language, and dates in the jurisdiction’s zone', () => {
    const decided = composeMail(subjectNotice('decided', dispute, context), catalog);
    expect(decided.subject).toBe('Probity: Your dispute was decided / 您的异议已作出决定');
    expect(decided.text).toContain("partly in your favour: the institution's correction stands");
    expect(decided.text).toContain('异议部分成立');
    const filed = composeMail(subjectNotice('filed', dispute, context), catalog);
    expect(filed.text).toContain('must answer by 2026-02-05');
    expect(filed.text).toContain('须于2026-02-05前答复');
    expect(composeMail(subjectNotice('answered', dispute, context), catalog).text).toContain('it stands by the record');
  });

  it('follows the pack’s languages and their order', () => {
    const zhFirst = loadCatalog(
      editedPack('pack.yaml', (text) => text.replace('  - en\n  - zh\n', '  - zh\n  - en\n')),
    );
    expect(composeMail(subjectNotice('filed', dispute, context), zhFirst).subject).toBe(
      'Probity: 您的异议已提交 / Your dispute is filed',
    );
    const englishOnly = loadCatalog(editedPack('pack.yaml', (text) => text.replace('  - en\n  - zh\n', '  - en\n')));
    expect(composeMail(subjectNotice('filed', dispute, context), englishOnly).subject).toBe(
      'Probity: Your dispute is filed',
    );
  });

  it('refuses to open a registry whose pack speaks a language it has no e-mail messages in', async () => {
    const french = editedPack('pack.yaml', (text) => text.replace('  - en\n  - zh\n', '  - en\n  - zh\n  - fr\n'));
    await expect(openRegistry({ db: ':memory:', pack: french })).rejects.toMatchObject({
      code: 'invalid_config',
      message: expect.stringContaining('fr'),
    });
  });
});
