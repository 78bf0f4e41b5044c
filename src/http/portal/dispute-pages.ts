import { html } from 'hono/html';
import type { Catalog } from '../../domain/catalog/catalog.js';
import { disputeStatus, GROUNDS_MAX_CHARACTERS, type Dispute } from '../../domain/disputes/dispute.js';
import type { Evidence } from '../../domain/disputes/evidence.js';
import type { StoredRecord } from '../../domain/records/record.js';
import type { Fragment } from './page-layout.js';
import type { Words } from './portal-messages.js';

/** The form to dispute one record or list entry: grounds, and a statement to show beside it. */
export function disputeForm(
  words: Words,
  catalog: Catalog,
  csrfToken: string,
  target: { recordId?: string; entryId?: string },
  record: StoredRecord,
  acting: number,
): Fragment {
  const { t, local, day } = words;
  const days = catalog.pack.manifest.disputes;
  return html`<p>${t('disputeIntro')} ${days.deadlineDays} ${days.dayCount === 'working' ? t('workingDays') : t('days')}.</p>
<dl><dt>${t('type')}</dt><dd>${local(catalog.recordType(record.type)?.title)}</dd><dt>${t('source')}</dt><dd>${local(catalog.institution(record.institution)?.name)}</dd>
<dt>${t('effective')}</dt><dd>${day(record.versions.at(-1)?.effectiveAt ?? '')}</dd></dl>
<form method="post" action="/me/disputes" enctype="multipart/form-data"><input type="hidden" name="_csrf" value="${csrfToken}"><input type="hidden" name="as" value="${acting}">
${target.recordId ? html`<input type="hidden" name="recordId" value="${target.recordId}">` : ''}${target.entryId ? html`<input type="hidden" name="entryId" value="${target.entryId}">` : ''}
<p><label for="grounds">${t('groundsLabel')}</label><textarea id="grounds" name="grounds" rows="6" maxlength="${GROUNDS_MAX_CHARACTERS}" required></textarea></p>
<p><label for="statement">${t('statementLabel')}</label><textarea id="statement" name="statement" rows="3"></textarea></p>
<p><label for="evidence">${t('evidenceLabel')}</label><input type="file" id="evidence" name="evidence" accept="application/pdf,image/png,image/jpeg,image/webp" multiple></p>
<p><button type="submit" class="button">${t('fileDispute')}</button></p></form>`;
}

/** The receipt of a filed dispute, and the list of a subject's disputes. */
export function disputesBody(
  words: Words,
  catalog: Catalog,
  disputes: readonly Dispute[],
  at: string,
  evidence: ReadonlyMap<string, readonly Evidence[]>,
  justFiled?: Dispute,
): Fragment {
  const { t, local, code, day } = words;
  return html`${
    justFiled
      ? html`<p role="status" class="valid"><strong>${t('disputeReceipt')}</strong> ${t('answerDue')} ${day(justFiled.deadline)}.
${justFiled.suspends ? t('suspendedWhileOpen') : t('inForceWhileOpen')}</p>`
      : ''
  }
<p>${t('disputesIntro')}</p>
${
  disputes.length === 0
    ? html`<p>${t('noDisputes')}</p>`
    : html`<table><thead><tr><th scope="col">${t('filed')}</th><th scope="col">${t('what')}</th><th scope="col">${t('source')}</th>
<th scope="col">${t('answerDue')}</th><th scope="col">${t('status')}</th><th scope="col">${t('outcome')}</th></tr></thead><tbody>
${[...disputes].reverse().map(
  (d) => html`<tr id="dispute-${d.id}"><td>${day(d.filedAt)}</td>
<td>${d.target.kind === 'record' ? html`<a href="/me/records#record-${d.target.recordId}">${d.target.recordId}</a>` : html`<a href="/me/lists/${d.target.entryId}">${d.target.entryId}</a>`}<br><span class="muted">${d.grounds}</span>
${evidenceLinks(words, evidence.get(d.id) ?? [], '/me/evidence')}</td>
<td>${local(catalog.institution(d.institution)?.name)}</td><td>${day(d.deadline)}</td><td><span class="tag">${code(disputeStatus(d, at))}</span></td>
<td>${d.answer ? html`${t('sourceAnswered')} ${code(d.answer.kind)}: ${d.answer.reason}<br>` : ''}${d.decision ? html`${code(d.decision.outcome)}: ${d.decision.reasons}` : ''}</td></tr>`,
)}
</tbody></table>`
}`;
}

/** Links to a dispute's files (each downloads as an attachment), with their SHA-256. */
export function evidenceLinks(words: Words, files: readonly Evidence[], base: string): Fragment | string {
  if (files.length === 0) return '';
  return html`<ul>${files.map((f) => html`<li><a href="${base}/${f.id}">${words.t('evidenceFile')} ${f.mediaType} · ${Math.ceil(f.size / 1024)} KiB</a> <span class="muted">SHA-256 ${f.sha256.slice(0, 16)}…</span></li>`)}</ul>`;
}
