import { html, raw } from 'hono/html';
import QRCode from 'qrcode';
import type { AttestationClaims } from '../../domain/attestations/attestation-claims.js';
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

/** The printable page of a fresh report: what it says, its QR code, the token itself. */
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
  return html`${claimsList(words, claims)}
<figure class="qr"><span role="img" aria-label="${caption}">${raw(qr.replace('<svg ', '<svg width="240" height="240" '))}</span><figcaption>${caption}. ${t('attestCheckAt')} <a href="${verifyUrl}">${verifyUrl}</a></figcaption></figure>
<p><a href="/me/attestations/${claims.jti}/token">${t('attestDownload')}</a></p>
<label for="token">${t('attestToken')}</label><textarea id="token" readonly rows="6">${token}</textarea>`;
}

/** What a report says, in words. */
export function claimsList(words: Words, claims: AttestationClaims): Fragment {
  const { t, local } = words;
  const date = (seconds: number) => new Date(seconds * 1000).toISOString().slice(0, 10);
  return html`<dl><dt>${t('subjectLabel')}</dt><dd>${claims.sub}</dd>
<dt>${t('band')}</dt><dd>${claims.rating ? html`<strong>${local(claims.rating.label)}</strong> (${t('asOf')} ${claims.rating.asOf}${claims.rating.score === undefined ? '' : `, ${t('score')} ${claims.rating.score}`})` : t('notRatedShort')}</dd>
<dt>${t('issuedLabel')}</dt><dd>${date(claims.iat)}</dd><dt>${t('expiresLabel')}</dt><dd>${date(claims.exp)}</dd>
${claims.records ? html`<dt>${t('recordsLabel')}</dt><dd>${claims.records.length === 0 ? t('noRecords') : html`<ul>${claims.records.map((r) => html`<li>${r.type} · ${r.institution} · ${r.effectiveAt.slice(0, 10)} · ${words.code(r.status)}</li>`)}</ul>`}</dd>` : ''}
${claims.listEntries ? html`<dt>${t('entriesLabel')}</dt><dd>${claims.listEntries.length === 0 ? t('noEntries') : html`<ul>${claims.listEntries.map((e) => html`<li>${e.list} · ${words.code(e.status)} · ${e.since.slice(0, 10)} – ${e.until.slice(0, 10)}</li>`)}</ul>`}</dd>` : ''}
</dl>`;
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
