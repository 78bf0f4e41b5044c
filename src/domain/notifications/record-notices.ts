import type { LocalisedText } from '../catalog/pack.js';
import type { EmailPayload } from './outbox-message.js';

const day = (time: string) => time.slice(0, 10);

/** A subject's e-mail when a negative record about them arrives, in English and Chinese. */
export function negativeRecordNotice(
  recordType: LocalisedText,
  institution: LocalisedText,
  effectiveAt: string,
  recordsUrl: string,
): EmailPayload {
  return {
    subject: 'Probity: a new record about you / 关于您的新记录',
    text:
      `${institution.en} recorded "${recordType.en}" about you, effective ${day(effectiveAt)}. ` +
      `If it is wrong, you can dispute it: ${recordsUrl}\n\n` +
      `${institution.zh}报送了关于您的"${recordType.zh}"记录，生效日期${day(effectiveAt)}。` +
      `如有错误，您可以提出异议：${recordsUrl}\n`,
  };
}

/** A subject's e-mail when they are being listed and the listing's notice period has begun: before it takes effect. */
export function listingNotice(list: LocalisedText, activeFrom: string, listsUrl: string): EmailPayload {
  return {
    subject: 'Probity: you are being placed on a list / 您将被列入名单',
    text:
      `You are being placed on "${list.en}". It takes effect on ${day(activeFrom)}. ` +
      `See what it restricts, how to be removed, and how to dispute it: ${listsUrl}\n\n` +
      `您将被列入"${list.zh}"，自${day(activeFrom)}起生效。` +
      `查看限制措施、移出方式及如何提出异议：${listsUrl}\n`,
  };
}
