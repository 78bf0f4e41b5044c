import { html } from 'hono/html';
import type { Catalog } from '../../domain/catalog/catalog.js';
import { DISPUTE_OUTCOMES, disputeStatus, type Dispute, type DisputeDecision } from '../../domain/disputes/dispute.js';
import type { Evidence } from '../../domain/disputes/evidence.js';
import { maskIdentifier } from '../../domain/lists/mask-identifier.js';
import type { StoredRecord } from '../../domain/records/record.js';
import type { SubjectKind } from '../../domain/subject-kind.js';
import { evidenceLinks } from './dispute-pages.js';
import type { Fragment } from './page-layout.js';
import { payloadList } from './payload-fields.js';
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

/** Who a dispute is about, when the reviewer may know: the name a record gave, and the identifiers. */
export interface DisputedSubject {
  readonly kind: SubjectKind;
  readonly name: string | null;
  readonly identifiers: readonly { readonly scheme: string; readonly value: string }[];
}

/** One dispute for review, with what the page shows around it. */
export interface ReviewView {
  readonly dispute: Dispute;
  readonly record: StoredRecord | undefined;
  readonly subject: DisputedSubject | undefined;
  readonly evidence: readonly Evidence[];
  /** Why this reviewer may not decide it, if they may not. */
  readonly conflict: string | undefined;
  /** The reviewer has just recorded the decision: confirm it and say what follows. */
  readonly justDecided: boolean;
}

/**
 * One dispute for review: who it is about, the grounds and the person's statement, the
 * source's answer, the record in words, and the decision form (or the decision).
 */
export function reviewBody(words: Words, catalog: Catalog, view: ReviewView, at: string, csrfToken: string): Fragment {
  const { dispute, record, conflict } = view;
  const decision = disputeStatus(dispute, at) === 'decided' ? dispute.decision : null;
  return html`${decision && view.justDecided ? decisionConfirmation(words, decision) : ''}
${disputeFacts(words, catalog, view, at)}
${record ? recordInWords(words, catalog, record) : ''}
${
  decision
    ? html`<h2>${words.t('decision')}</h2><p>${words.t('decisionMade', { date: words.day(decision.decidedAt), outcome: words.code(decision.outcome) })}</p>
<p>${decision.reasons}</p>`
    : conflict
      ? html`<p role="alert">${words.t('reviewConflict')}: ${conflict}.</p>`
      : decisionForm(words, dispute, csrfToken)
}`;
}

/** The status box after a decision POST: recorded, and what happens next. */
function decisionConfirmation(words: Words, decision: DisputeDecision): Fragment {
  const { t, code } = words;
  return html`<div role="status" class="valid"><p><strong>${t('decisionRecorded', { outcome: code(decision.outcome) })}</strong></p>
<p>${t('decisionNext', { outcome: decision.outcome })}</p><p><a href="/review">${t('backToQueue')}</a></p></div>`;
}

function disputeFacts(words: Words, catalog: Catalog, view: ReviewView, at: string): Fragment {
  const { t, local, code, day } = words;
  const { dispute, conflict, evidence } = view;
  return html`<dl>${view.subject ? subjectFacts(words, view.subject) : view.record ? html`<dt>${t('disputeAbout')}</dt><dd>${code(view.record.subjectKind)}</dd>` : ''}
<dt>${t('status')}</dt><dd><span class="tag">${code(disputeStatus(dispute, at))}</span></dd><dt>${t('filed')}</dt><dd>${day(dispute.filedAt)}</dd>
<dt>${t('answerDue')}</dt><dd>${day(dispute.deadline)}</dd><dt>${t('source')}</dt><dd>${local(catalog.institution(dispute.institution)?.name)}</dd>
<dt>${t('groundsShort')}</dt><dd>${dispute.grounds}</dd>${dispute.statement ? html`<dt>${t('personsStatement')}</dt><dd>${dispute.statement}</dd>` : ''}
${conflict ? '' : html`<dt>${t('evidenceFile')}</dt><dd>${evidenceLinks(words, evidence, '/review/evidence') || '—'}</dd>`}
<dt>${t('sourceAnswered')}</dt><dd>${dispute.answer ? html`${code(dispute.answer.kind)}: ${dispute.answer.reason} (${day(dispute.answer.answeredAt)})` : '—'}</dd></dl>`;
}

/** The person or body the dispute is about: their name, and each identifier masked as published lists show it. */
function subjectFacts(words: Words, subject: DisputedSubject): Fragment {
  const { t, code } = words;
  const identifiers = subject.identifiers.map((id) => `${id.scheme} ${maskIdentifier(id.value, subject.kind)}`);
  return html`<dt>${t('disputeAbout')}</dt><dd>${subject.name ? html`${subject.name}<br>` : ''}<span class="muted">${code(subject.kind)}</span>${identifiers.map((id) => html`<br>${id}`)}</dd>`;
}

/** The disputed record and its versions, each version's payload under its schema's titles. */
function recordInWords(words: Words, catalog: Catalog, record: StoredRecord): Fragment {
  const { t, local, code, day } = words;
  const type = catalog.recordType(record.type);
  return html`<h2>${local(type?.title) || record.type}</h2><p>${t('recordReference')}: ${record.sourceRef}</p>
<h3 id="record-says">${t('recordSays')}</h3><table aria-labelledby="record-says"><thead><tr><th scope="col">${t('versions')}</th><th scope="col">${t('effective')}</th><th scope="col">${t('what')}</th></tr></thead><tbody>
${record.versions.map((v) => html`<tr><td>${v.version} · ${code(v.action)} · ${day(v.recordedAt)}${v.reason ? html`<br><span class="muted">${v.reason}</span>` : ''}</td><td>${day(v.effectiveAt)}</td><td>${payloadList(words, type?.payloadSchema, v.payload) || '—'}</td></tr>`)}
</tbody></table>`;
}

/** The decision form: each outcome said from the person's side, with what it does to the record. */
function decisionForm(words: Words, dispute: Dispute, csrfToken: string): Fragment {
  const { t } = words;
  return html`<form method="post" action="/review/${dispute.id}"><input type="hidden" name="_csrf" value="${csrfToken}">
<fieldset><legend>${t('decision')}</legend>${DISPUTE_OUTCOMES.map((o) => html`<div><input type="radio" id="outcome-${o}" name="outcome" value="${o}" required> <label for="outcome-${o}">${t('outcomeChoice', { outcome: o })}</label></div>`)}</fieldset>
<p><label for="reasons">${t('reasonsForSubject')}</label><textarea id="reasons" name="reasons" rows="4" required></textarea></p>
<p><button type="submit" class="button">${t('decide')}</button></p></form>`;
}
