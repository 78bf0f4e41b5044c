import { html } from 'hono/html';
import type { Catalog } from '../../domain/catalog/catalog.js';
import { DISPUTE_OUTCOMES, disputeStatus, type Dispute } from '../../domain/disputes/dispute.js';
import type { Evidence } from '../../domain/disputes/evidence.js';
import type { StoredRecord } from '../../domain/records/record.js';
import { evidenceLinks } from './dispute-pages.js';
import type { Fragment } from './page-layout.js';
import type { Words } from './portal-messages.js';

/** The reviewers' queue: every undecided dispute, soonest deadline first. */
export function reviewQueueBody(words: Words, catalog: Catalog, disputes: readonly Dispute[], at: string): Fragment {
  const { t, local, code, day } = words;
  if (disputes.length === 0) return html`<p>${t('queueEmpty')}</p>`;
  return html`<p>${t('queueIntro')}</p><table><thead><tr><th scope="col">${t('answerDue')}</th><th scope="col">${t('source')}</th><th scope="col">${t('status')}</th><th scope="col">${t('groundsShort')}</th></tr></thead><tbody>
${disputes.map(
  (
    d,
  ) => html`<tr><td><a href="/review/${d.id}">${day(d.deadline)}</a></td><td>${local(catalog.institution(d.institution)?.name)}</td>
<td><span class="tag">${code(disputeStatus(d, at))}</span></td><td>${d.grounds.slice(0, 140)}</td></tr>`,
)}</tbody></table>`;
}

/**
 * One dispute for review: the record and its history, the grounds and statement, the source's
 * answer, the decision form.
 */
export function reviewBody(
  words: Words,
  catalog: Catalog,
  dispute: Dispute,
  record: StoredRecord | undefined,
  evidence: readonly Evidence[],
  at: string,
  csrfToken: string,
  conflict: string | undefined,
): Fragment {
  const { t, local, code, day } = words;
  const status = disputeStatus(dispute, at);
  return html`<dl><dt>${t('status')}</dt><dd><span class="tag">${code(status)}</span></dd><dt>${t('filed')}</dt><dd>${day(dispute.filedAt)}</dd>
<dt>${t('answerDue')}</dt><dd>${day(dispute.deadline)}</dd><dt>${t('source')}</dt><dd>${local(catalog.institution(dispute.institution)?.name)}</dd>
<dt>${t('groundsShort')}</dt><dd>${dispute.grounds}</dd>${dispute.statement ? html`<dt>${t('yourStatement')}</dt><dd>${dispute.statement}</dd>` : ''}
${conflict ? '' : html`<dt>${t('evidenceFile')}</dt><dd>${evidenceLinks(words, evidence, '/review/evidence') || '—'}</dd>`}
<dt>${t('sourceAnswered')}</dt><dd>${dispute.answer ? html`${code(dispute.answer.kind)}: ${dispute.answer.reason} (${day(dispute.answer.answeredAt)})` : '—'}</dd></dl>
${
  record
    ? html`<h2>${local(catalog.recordType(record.type)?.title)}</h2><table><thead><tr><th scope="col">${t('versions')}</th><th scope="col">${t('effective')}</th><th scope="col">${t('what')}</th></tr></thead><tbody>
${record.versions.map((v) => html`<tr><td>${v.version} · ${code(v.action)} · ${day(v.recordedAt)}${v.reason ? html`<br><span class="muted">${v.reason}</span>` : ''}</td><td>${day(v.effectiveAt)}</td><td><code>${JSON.stringify(v.payload)}</code></td></tr>`)}
</tbody></table>`
    : ''
}
${
  status === 'decided'
    ? html`<p>${code(dispute.decision!.outcome)}: ${dispute.decision!.reasons}</p>`
    : conflict
      ? html`<p role="alert">${t('reviewConflict')}: ${conflict}.</p>`
      : html`<form method="post" action="/review/${dispute.id}"><input type="hidden" name="_csrf" value="${csrfToken}">
<fieldset><legend>${t('decision')}</legend>${DISPUTE_OUTCOMES.map((o) => html`<div><input type="radio" id="outcome-${o}" name="outcome" value="${o}" required> <label for="outcome-${o}">${code(o)}</label></div>`)}</fieldset>
<p><label for="reasons">${t('reasonsForSubject')}</label><textarea id="reasons" name="reasons" rows="4" required></textarea></p>
<p><button type="submit" class="button">${t('decide')}</button></p></form>`
}`;
}
