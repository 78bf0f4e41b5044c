import type { LocalisedText } from '../catalog/pack.js';
import type { MailText } from './mail-text.js';

/** A subject's e-mail when a negative record about them arrives. */
export function negativeRecordNotice(
  recordType: LocalisedText,
  institution: LocalisedText,
  effectiveAt: string,
  recordsUrl: string,
): MailText {
  return {
    subject: { key: 'negativeRecordSubject' },
    body: {
      key: 'negativeRecordBody',
      values: { recordType, institution, effective: { date: effectiveAt }, url: recordsUrl },
    },
  };
}

/** A subject's e-mail when they are being listed and the listing's notice period has begun: before it takes effect. */
export function listingNotice(list: LocalisedText, activeFrom: string, listsUrl: string): MailText {
  return {
    subject: { key: 'listingSubject' },
    body: { key: 'listingBody', values: { list, activeFrom: { date: activeFrom }, url: listsUrl } },
  };
}
