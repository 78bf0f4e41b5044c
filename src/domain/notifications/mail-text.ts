import type { LocalisedText } from '../catalog/pack.js';

/**
 * The e-mails Probity sends, each a subject and a body message. Their words are in the message
 * catalogs, one per language (src/messages/mail): the domain names the message and its values only,
 * so adding a language touches no code here.
 */
export const MAIL_KEYS = [
  'negativeRecordSubject',
  'negativeRecordBody',
  'listingSubject',
  'listingBody',
  'disputeStepSubject',
  'disputeStepBody',
  'institutionDisputedSubject',
  'institutionDisputedBody',
  'institutionDecidedSubject',
  'institutionDecidedBody',
] as const;
export type MailKey = (typeof MAIL_KEYS)[number];

/** A value in a message: plain, a date (shown in the jurisdiction's zone), or text the pack gives in each language. */
export type MailValue = string | number | LocalisedText | { readonly date: string };

export interface MailMessage {
  readonly key: MailKey;
  readonly values?: Readonly<Record<string, MailValue>>;
}

/** An e-mail before it is put into words. */
export interface MailText {
  readonly subject: MailMessage;
  readonly body: MailMessage;
}
