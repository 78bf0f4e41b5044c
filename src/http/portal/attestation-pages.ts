import { html, raw } from 'hono/html';
import QRCode from 'qrcode';
import type {
  AttestationClaims,
  AttestedListEntry,
  AttestedRecord,
} from '../../domain/attestations/attestation-claims.js';
import type { AttestationVerdict } from '../../services/attestations.js';
import type { Fragment, PageContext } from './page-layout.js';
import type { Words } from './portal-messages.js';

/** The form on the rating page: the subject chooses what the report discloses. */
export function attestationForm(context: PageContext): Fragment {
  const { t } = context.words;
  const acting = context.signedIn?.acting ?? 0;
  return html`<section aria-labelledby="attest-title"><h2 id="attest-title">${t('attestTitle')}</h2><p>${t('attestIntro')}</p>
<form method="post" action="/me/attestations"><input type="hidden" name="_csrf" value="${context.csrfToken}"><input type="hidden" name="as" value="${acting}">
<fieldset><legend>${t('disclosureLabel')}</legend>
<div><input type="radio" id="disclosure-rating" name="disclosure" value="rating" checked> <label for="disclosure-rating">${t('disclosureRating')}</label></div>
<div><input type="radio" id="disclosure-full" name="disclosure" value="full"> <label for="disclosure-full">${t('disclosureFull')}</label></div>
</fieldset><p><button type="submit" class="button">${t('attestButton')}</button></p></form></section>`;
}

/**
 * A QR code holds the token itself when it fits comfortably (a rating-only report), so a
 * phone can check it with no network; a full report's token is far too long for one, and
 * its QR code holds the short verification link instead.
 */
export const QR_TOKEN_LIMIT = 1_200;

/**
 * The printable page of a report (one A4 sheet): what it says, its QR code; on screen also the
 * file to download and the token itself, which paper has no use for.
 */
export async function issuedAttestationBody(
  words: Words,
  claims: AttestationClaims,
  token: string,
  verifyUrl: string,
): Promise<Fragment> {
  const { t } = words;
  const holdsToken = token.length <= QR_TOKEN_LIMIT;
  const qr = await QRCode.toString(holdsToken ? token : verifyUrl, {
    type: 'svg',
    errorCorrectionLevel: 'M',
    margin: 2,
  });
  const caption = holdsToken ? t('attestScanToken') : t('attestScan');
  return html`<div class="report"><p>${t('attestPaperIntro', { issuer: claims.iss })}</p>${claimsList(words, claims)}
<figure class="qr"><span role="img" aria-label="${caption}">${raw(qr.replace('<svg ', '<svg width="200" height="200" '))}</span><figcaption>${caption}<br>${t('attestCheckAt')} <a href="${verifyUrl}">${verifyUrl}</a></figcaption></figure></div>
<div class="no-print"><p><a href="/me/attestations/${claims.jti}/token">${t('attestDownload')}</a></p>
<label for="token">${t('attestToken')}</label><textarea id="token" readonly rows="6">${token}</textarea></div>`;
}

/** What a report says, in words: everything shown is in its signed claims, in the page's language. */
export function claimsList(words: Words, claims: AttestationClaims): Fragment {
  const { t, local, day } = words;
  const date = (seconds: number) => day(new Date(seconds * 1000).toISOString());
  const { rating } = claims;
  const ratingWords = !rating
    ? t('notRatedShort')
    : html`<strong>${local(rating.label)}</strong> ${rating.score === undefined ? t('attestAsOf', { date: rating.asOf }) : t('attestScoreAsOf', { score: rating.score, date: rating.asOf })}`;
  return html`<dl><dt>${t('attestNameLabel')}</dt><dd>${claims.name ?? t('attestNoName')}</dd>
<dt>${t('attestIdLabel')}</dt><dd>${identifierValue(claims.sub)}</dd>
<dt>${t('band')}</dt><dd>${ratingWords}</dd>
<dt>${t('issuedLabel')}</dt><dd>${date(claims.iat)}</dd><dt>${t('expiresLabel')}</dt><dd>${date(claims.exp)}</dd>
${claims.records ? html`<dt>${t('recordsLabel')}</dt><dd>${claims.records.length === 0 ? t('attestNoRecords') : html`<ul>${claims.records.map((r) => html`<li>${recordLine(words, r)}</li>`)}</ul>`}</dd>` : ''}
${claims.listEntries ? html`<dt>${t('entriesLabel')}</dt><dd>${claims.listEntries.length === 0 ? t('attestNoEntries') : html`<ul>${claims.listEntries.map((e) => html`<li>${entryLine(words, e)}</li>`)}</ul>`}</dd>` : ''}
</dl>${claims.records ? html`<p class="muted">${t('attestStandingNote')}</p>` : ''}`;
}

/** The number of a `SCHEME:VALUE` subject claim: its label says what kind of number it is. */
function identifierValue(sub: string): string {
  return sub.slice(sub.indexOf(':') + 1);
}

function recordLine(words: Words, record: AttestedRecord): string {
  const { t, local, code, day } = words;
  return t('attestRecordLine', {
    title: local(record.title) || t('record'),
    source: local(record.institutionName) || t('attestSomeSource'),
    date: day(record.effectiveAt),
    status: code(record.status),
    disputed: record.disputed ? 'yes' : 'no',
  });
}

function entryLine(words: Words, entry: AttestedListEntry): string {
  const { t, local, code, day } = words;
  return t('attestEntryLine', {
    title: local(entry.title) || t('attestSomeList'),
    status: code(entry.status),
    since: day(entry.since),
    until: day(entry.until),
  });
}

/** The public verification page: a form to paste a token, and the verdict on one. */
export function verifyBody(words: Words, csrfToken: string, verdict: AttestationVerdict | undefined): Fragment {
  const { t } = words;
  const result = !verdict
    ? ''
    : verdict.valid
      ? html`<p role="status" class="valid"><strong>${t('verifyValid')}</strong></p>${claimsList(words, verdict.claims)}`
      : html`<p role="alert" class="invalid"><strong>${t('verifyInvalid')}:</strong> ${verdict.reason}</p>`;
  return html`${result}<p>${t('verifyIntro')}</p>
<form method="post" action="/verify"><input type="hidden" name="_csrf" value="${csrfToken}">
<label for="token">${t('attestToken')}</label><textarea id="token" name="token" rows="6" required></textarea>
<p><button type="submit" class="button">${t('verifyButton')}</button></p></form>`;
}
