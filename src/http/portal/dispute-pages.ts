import { html } from 'hono/html';
import type { Catalog } from '../../domain/catalog/catalog.js';
import {
  disputeStatus,
  GROUNDS_MAX_CHARACTERS,
  STATEMENT_MAX_WORDS,
  statementWords,
  type Dispute,
} from '../../domain/disputes/dispute.js';
import { EVIDENCE_MAX_BYTES, type Evidence } from '../../domain/disputes/evidence.js';
import type { StoredRecord } from '../../domain/records/record.js';
import type { ListEntryView, RecordView } from '../../services/subject-data.js';
import type { Fragment } from './page-layout.js';
import type { MessageKey, MessageValues, Words } from './portal-messages.js';

/** The fields of the dispute form a refusal can point at. */
export type DisputeField = 'grounds' | 'statement' | 'evidence';

/** Why a filing was refused, said in the words of the form: which field, and how to put it right. */
export interface FormError {
  /** The field it concerns; none for a refusal of the filing as a whole. */
  readonly field: DisputeField | undefined;
  readonly message: MessageKey;
  readonly values?: MessageValues;
}

/** A refused filing shown again: what the person typed, what was wrong, whether they had chosen files. */
export interface RefusedFiling {
  readonly grounds: string;
  readonly statement: string;
  readonly errors: readonly FormError[];
  /** A browser cannot put files back into a form: the person is asked to choose them again. */
  readonly hadFiles: boolean;
}

/**
 * What is wrong with the typed fields, by the rules the dispute service applies (it checks
 * again when filing): so that a refused file and a too-long statement are told together.
 */
export function typedFieldErrors(grounds: string, statement: string): FormError[] {
  const errors: FormError[] = [];
  const reasons = grounds.trim();
  if (reasons === '') errors.push({ field: 'grounds', message: 'groundsMissing' });
  else if (reasons.length > GROUNDS_MAX_CHARACTERS)
    errors.push({
      field: 'grounds',
      message: 'groundsTooLong',
      values: { max: GROUNDS_MAX_CHARACTERS, count: reasons.length },
    });
  const words = statementWords(statement.trim());
  if (words > STATEMENT_MAX_WORDS)
    errors.push({
      field: 'statement',
      message: 'statementTooLong',
      values: { max: STATEMENT_MAX_WORDS, count: words },
    });
  return errors;
}

/** The error a refused file gets on the form, by the code the service refused it with. */
export function fileError(code: string): FormError | undefined {
  if (code === 'evidence_refused') return { field: 'evidence', message: 'evidenceNotAccepted' };
  if (code === 'payload_too_large')
    return { field: 'evidence', message: 'evidenceTooLarge', values: { megabytes: EVIDENCE_MAX_BYTES / 1024 / 1024 } };
  return undefined;
}

/** The form to dispute one record or list entry: grounds, and a statement to show beside it. */
export function disputeForm(
  words: Words,
  catalog: Catalog,
  csrfToken: string,
  target: { recordId?: string; entryId?: string },
  record: StoredRecord,
  acting: number,
  refused?: RefusedFiling,
): Fragment {
  const { t, local, day } = words;
  const days = catalog.pack.manifest.disputes;
  const errors = refused?.errors ?? [];
  const errorOf = (field: DisputeField) => errors.find((e) => e.field === field);
  return html`${errors.length > 0 ? errorSummary(words, errors) : ''}<p>${t('disputeIntro', { count: days.deadlineDays, dayCount: days.dayCount })}</p>
<dl><dt>${t('type')}</dt><dd>${local(catalog.recordType(record.type)?.title)}</dd><dt>${t('source')}</dt><dd>${local(catalog.institution(record.institution)?.name)}</dd>
<dt>${t('effective')}</dt><dd>${day(record.versions.at(-1)?.effectiveAt ?? '')}</dd></dl>
<form method="post" action="/me/disputes" enctype="multipart/form-data"><input type="hidden" name="_csrf" value="${csrfToken}"><input type="hidden" name="as" value="${acting}">
${target.recordId ? html`<input type="hidden" name="recordId" value="${target.recordId}">` : ''}${target.entryId ? html`<input type="hidden" name="entryId" value="${target.entryId}">` : ''}
<p><label for="grounds">${t('groundsLabel')}</label>${fieldError(words, 'grounds', errorOf('grounds'))}<textarea id="grounds" name="grounds" rows="6" maxlength="${GROUNDS_MAX_CHARACTERS}" required${invalid('grounds', errorOf('grounds'))}>${refused?.grounds ?? ''}</textarea></p>
<p><label for="statement">${t('statementLabel')}</label>${fieldError(words, 'statement', errorOf('statement'))}<textarea id="statement" name="statement" rows="3"${invalid('statement', errorOf('statement'))}>${refused?.statement ?? ''}</textarea></p>
<p><label for="evidence">${t('evidenceLabel')}</label>${fieldError(words, 'evidence', errorOf('evidence'))}${refused?.hadFiles ? html`<br><span id="evidence-again">${t('evidenceChooseAgain')}</span>` : ''}<br><input type="file" id="evidence" name="evidence" accept="application/pdf,image/png,image/jpeg,image/webp" multiple${invalid('evidence', errorOf('evidence'), refused?.hadFiles ? 'evidence-again' : undefined)}></p>
<p><button type="submit" class="button">${t('fileDispute')}</button></p></form>`;
}

/**
 * The list of what to put right, first on the page, each linking to its field (the GOV.UK
 * error summary): a screen reader announces it, and a keyboard reaches each field from it.
 */
function errorSummary(words: Words, errors: readonly FormError[]): Fragment {
  const { t } = words;
  return html`<div class="error-summary" role="alert" aria-labelledby="error-summary-title"><h2 id="error-summary-title" class="invalid">${t('errorSummaryTitle')}</h2>
<ul>${errors.map((e) => html`<li>${e.field ? html`<a href="#${e.field}">${t(e.message, e.values)}</a>` : disputeErrorText(words, e)}</li>`)}</ul></div>`;
}

/** A refusal of the whole filing, with where to follow what already stands. */
function disputeErrorText(words: Words, error: FormError): Fragment {
  return html`${words.t(error.message, error.values)} <a href="/me/disputes">${words.t('navDisputes')}</a>`;
}

/** The message next to a field, which the field names as its description. */
function fieldError(words: Words, field: DisputeField, error: FormError | undefined): Fragment | string {
  if (!error) return '';
  return html`<br><strong id="${field}-error" class="invalid">${words.t(error.message, error.values)}</strong>`;
}

function invalid(field: DisputeField, error: FormError | undefined, also?: string): Fragment | string {
  const described = [error ? `${field}-error` : undefined, also].filter(Boolean).join(' ');
  return html`${error ? html` aria-invalid="true"` : ''}${described ? html` aria-describedby="${described}"` : ''}`;
}

/** The receipt of a filed dispute, and the list of a subject's disputes. */
export function disputesBody(
  words: Words,
  catalog: Catalog,
  held: {
    readonly disputes: readonly Dispute[];
    readonly evidence: ReadonlyMap<string, readonly Evidence[]>;
    /** The records and entries disputed, to name each dispute's target in words. */
    readonly targets: { readonly records: readonly RecordView[]; readonly entries: readonly ListEntryView[] };
  },
  at: string,
  justFiled?: Dispute,
): Fragment {
  const { t, local, code, day } = words;
  const { disputes, evidence, targets } = held;
  const what = (d: Dispute): Fragment => {
    if (d.target.kind === 'record') {
      const { recordId } = d.target;
      const view = targets.records.find((r) => r.record.id === recordId);
      const title = `${local(view?.recordType?.title) || t('record')}, ${day(view?.record.versions.at(-1)?.effectiveAt ?? '')}`;
      return html`<a href="/me/records#record-${recordId}">${title}</a>`;
    }
    const { entryId } = d.target;
    const view = targets.entries.find((e) => e.entry.id === entryId);
    return html`<a href="/me/lists/${entryId}">${local(view?.list?.title) || t('record')}, ${day(view?.entry.listedAt ?? '')}</a>`;
  };
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
<td>${what(d)}<br><span class="muted">${d.grounds}</span>
${evidenceLinks(words, evidence.get(d.id) ?? [], '/me/evidence')}</td>
<td>${local(catalog.institution(d.institution)?.name)}</td><td>${day(d.deadline)}</td><td><span class="tag">${code(disputeStatus(d, at))}</span></td>
<td>${d.answer ? html`${t('sourceAnswered')} ${code(d.answer.kind)}: ${d.answer.reason}<br>` : ''}${d.decision ? html`${t('decidedForYou', { outcome: d.decision.outcome })}: ${d.decision.reasons}` : ''}</td></tr>`,
)}
</tbody></table>`
}`;
}

/** Links to a dispute's files (each downloads as an attachment), with their SHA-256. */
export function evidenceLinks(words: Words, files: readonly Evidence[], base: string): Fragment | string {
  if (files.length === 0) return '';
  return html`<ul>${files.map((f) => html`<li><a href="${base}/${f.id}">${words.t('evidenceFile')} ${f.mediaType} · ${Math.ceil(f.size / 1024)} KiB</a> <span class="muted">SHA-256 ${f.sha256.slice(0, 16)}…</span></li>`)}</ul>`;
}
