import type { Catalog } from '../domain/catalog/catalog.js';
import type { MailKey, MailMessage, MailText, MailValue } from '../domain/notifications/mail-text.js';
import type { EmailPayload } from '../domain/notifications/outbox-message.js';
import { localDate } from '../domain/time/zoned-time.js';
import { ProbityError } from '../errors.js';
import { formatIcu } from '../messages/icu-message.js';
import { EN_MAIL } from '../messages/mail/en.js';
import { ZH_MAIL } from '../messages/mail/zh.js';

/** The e-mail catalogs there are, by language: adding a language adds one here and its file. */
const MAIL_CATALOGS: Readonly<Record<string, Readonly<Record<MailKey, string>>>> = { en: EN_MAIL, zh: ZH_MAIL };

/** The pack's languages that have no e-mail catalog (none, for a pack Probity can speak). */
export function languagesWithoutMail(catalog: Catalog): string[] {
  return catalog.pack.manifest.languages.filter((language) => !(language in MAIL_CATALOGS));
}

/**
 * Puts an e-mail into words in each of the pack's languages, in its order: one subject line
 * naming each ("Probity: Your dispute is filed / 您的异议已提交"), the bodies one after another.
 * Dates are the jurisdiction's local dates.
 */
export function composeMail(text: MailText, catalog: Catalog): EmailPayload {
  const { languages } = catalog.pack.manifest;
  const say = (language: string, message: MailMessage) => {
    const messages = MAIL_CATALOGS[language];
    if (!messages)
      throw new ProbityError('invalid_config', `the pack speaks ${language}, which has no e-mail messages`);
    const values = Object.fromEntries(
      Object.entries(message.values ?? {}).map(([name, value]) => [name, inWords(value, language, catalog)]),
    );
    return formatIcu(messages[message.key], language, values);
  };
  return {
    subject: `Probity: ${languages.map((language) => say(language, text.subject)).join(' / ')}`,
    text: `${languages.map((language) => say(language, text.body)).join('\n\n')}\n`,
  };
}

function inWords(value: MailValue, language: string, catalog: Catalog): string | number {
  if (typeof value === 'string' || typeof value === 'number') return value;
  if ('date' in value) return localDate(value.date, catalog.timeZone);
  return (value as Readonly<Record<string, string>>)[language] ?? '';
}
