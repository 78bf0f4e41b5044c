import { html } from 'hono/html';
import type { Catalog } from '../../domain/catalog/catalog.js';
import type { Assessment, Factor } from '../../domain/rulebooks/assess.js';
import type { AccessView, ListEntryView, RecordView } from '../../services/subject-data.js';
import type { Fragment } from './page-layout.js';
import { payloadFields } from './payload-fields.js';
import type { MessageKey, Words } from './portal-messages.js';

/** The records a rating page may name, by id, and where each is shown. */
export interface RatedRecords {
  readonly byId: ReadonlyMap<string, RecordView>;
  /** The link to a record shown on another part of the page or site. */
  readonly href: (recordId: string) => string;
}

/**
 * A rating: score on its scale, band, the factors that moved it with the records behind each, and
 * the rulebook that produced it. `records` are the ones the reader may see (on a public page only
 * published ones: the others are counted, not named).
 */
export function ratingBody(
  words: Words,
  catalog: Catalog,
  assessment: Assessment | undefined,
  records: RatedRecords,
  whose: 'own' | 'public' = 'own',
): Fragment {
  const { t, local, day } = words;
  if (!assessment) return html`<p>${t('notRated')}</p>`;
  const rulebook = catalog.rulebookOf(assessment);
  const behind = ({ recordIds }: { readonly recordIds: readonly string[] }) => {
    const shown = recordIds.flatMap((id) => {
      const view = records.byId.get(id);
      return view ? [view] : [];
    });
    const hidden = recordIds.length - shown.length;
    return html`<br><span class="muted">${t('becauseOf')}${shown.map(
      ({ record, recordType }, i) =>
        html`${i ? t('listSeparator') : ''}<a href="${records.href(record.id)}">${local(recordType?.title) || t('record')}, ${day(record.versions.at(-1)?.effectiveAt ?? '')}</a>`,
    )}${hidden > 0 ? html`${shown.length > 0 ? t('listSeparator') : ''}${t('unpublishedRecords', { count: hidden })}` : ''}</span>`;
  };
  const factors = (caption: string, list: readonly Factor[]) => html`<table><caption>${caption}</caption>
<thead><tr><th scope="col">${t('what')}</th><th scope="col" class="num">${t('points')}</th></tr></thead><tbody>
${list.length === 0 ? html`<tr><td colspan="2">${t('noFactors')}</td></tr>` : list.map((f) => html`<tr><td>${local(f.reasonText)}${behind(f)}</td><td class="num">${f.points > 0 ? '+' : ''}${f.points}</td></tr>`)}
</tbody></table>`;
  const score = rulebook
    ? t('scoreOnScale', { score: assessment.score, min: rulebook.range.min, max: rulebook.range.max })
    : String(assessment.score);
  return html`<p><span class="band">${local(assessment.band.label)}</span></p>
<dl><dt>${t('score')}</dt><dd>${score}</dd><dt>${t('asOf')}</dt><dd>${day(assessment.asOf)}</dd>
<dt>${t('rulebook')}</dt><dd><a href="/rulebooks/${assessment.rulebookCode}/${assessment.rulebookVersion}">${rulebook ? local(rulebook.title) : assessment.rulebookCode} ${assessment.rulebookVersion}</a></dd></dl>
${assessment.ceiling ? ceilingNotice(words, catalog, assessment, behind(assessment.ceiling), whose) : ''}
${factors(t(whose === 'own' ? 'loweredBy' : 'loweredByPublic'), assessment.adverse)}
${factors(t(whose === 'own' ? 'raisedBy' : 'raisedByPublic'), assessment.positive)}`;
}

/**
 * The band ceiling in force, first of the reasons: which list holds the band down, by how much,
 * the records that put the subject there, and where the entry is shown.
 */
function ceilingNotice(
  words: Words,
  catalog: Catalog,
  assessment: Assessment,
  behind: Fragment,
  whose: 'own' | 'public',
): Fragment {
  const { t, local } = words;
  const ceiling = assessment.ceiling!;
  const held =
    ceiling.points < 0
      ? html`<p>${t(whose === 'own' ? 'ceilingHeld' : 'ceilingHeldPublic', { uncapped: assessment.score - ceiling.points, score: assessment.score })}</p>`
      : '';
  const published = catalog.list(ceiling.listCode)?.publication === 'public';
  const where =
    whose === 'own'
      ? html`<a href="/me/lists">${t('ceilingOwnEntries')}</a>`
      : published
        ? html`<a href="/lookup/lists/${ceiling.listCode}">${local(catalog.list(ceiling.listCode)?.title)}</a>`
        : '';
  return html`<div class="ceiling" role="note"><p><strong>${local(ceiling.reasonText)}</strong>${behind}</p>${held}${where ? html`<p>${where}</p>` : ''}</div>`;
}

export interface RecordFilter {
  readonly category?: string | undefined;
  readonly status?: string | undefined;
}

const RECORD_STATUSES = ['active', 'corrected', 'withdrawn', 'expired'] as const;

/**
 * My records: each with type, source, legal basis, effective date, status and versions; filters by
 * category and status.
 */
export function recordsBody(
  words: Words,
  catalog: Catalog,
  views: readonly RecordView[],
  filter: RecordFilter,
  as: string,
): Fragment {
  const { t, code } = words;
  const categories = [
    ...new Set(views.map((v) => v.recordType?.category).filter((c): c is NonNullable<typeof c> => c !== undefined)),
  ].sort();
  const shown = views.filter(
    (v) =>
      (!filter.category || v.recordType?.category === filter.category) &&
      (!filter.status || v.status === filter.status),
  );
  const option = (value: string, label: string, selected: string | undefined) =>
    html`<option value="${value}"${value === (selected ?? '') ? html` selected` : ''}>${label}</option>`;
  return html`<p>${t('recordsIntro')}</p>
<form method="get" action="/me/records">${as ? html`<input type="hidden" name="as" value="${as}">` : ''}
<label for="category">${t('category')}</label> <select id="category" name="category">${option('', t('all'), filter.category)}${categories.map((c) => option(c, code(c), filter.category))}</select>
<label for="status">${t('status')}</label> <select id="status" name="status">${option('', t('all'), filter.status)}${RECORD_STATUSES.map((s) => option(s, code(s), filter.status))}</select>
<button type="submit">${t('filter')}</button></form>
${shown.length === 0 ? html`<p>${t('noRecords')}</p>` : shown.map((view) => recordCard(words, catalog, view, as))}`;
}

/**
 * One record as a card: what it is, its status, its fields by their titles, who sent it under
 * which law, its versions, the subject's statement and the way to dispute it.
 */
function recordCard(
  words: Words,
  catalog: Catalog,
  { record, recordType, status, dispute }: RecordView,
  as: string,
): Fragment {
  const { t, local, code, day, citation } = words;
  const current = record.versions.at(-1);
  const fields = payloadFields(words, recordType?.payloadSchema, current?.payload ?? {});
  const basis = recordType?.legalBasis;
  return html`<section id="record-${record.id}" class="card" aria-labelledby="record-${record.id}-title">
<h2 id="record-${record.id}-title">${local(recordType?.title)}</h2>
<p><span class="tag">${code(status)}</span>${dispute ? html` <span class="tag">${t('disputedMark')}</span>` : ''}</p>
<dl>${fields.map((f) => html`<dt>${f.title}</dt><dd>${f.value}</dd>`)}
<dt>${t('effective')}</dt><dd>${day(current?.effectiveAt ?? '')}</dd>
<dt>${t('source')}</dt><dd>${local(catalog.institution(record.institution)?.name)} <span class="muted">${record.sourceRef}</span></dd>
<dt>${t('legalBasis')}</dt><dd>${basis?.url ? html`<a href="${basis.url}">${citation(basis)}</a>` : citation(basis)}</dd>
<dt>${t('versions')}</dt><dd><ol>${record.versions.map((v) => html`<li>${code(v.action)} ${day(v.recordedAt)}${v.reason ? html`: ${v.reason}` : ''}</li>`)}</ol></dd></dl>
${dispute?.statement ? html`<p><em>${t('yourStatement')}: ${dispute.statement}</em></p>` : ''}
${status !== 'withdrawn' && !dispute ? html`<p><a href="/me/disputes/new?record=${record.id}${as ? `&as=${as}` : ''}">${t('disputeLink')}</a></p>` : ''}
</section>`;
}

/** Lists and restrictions: each entry with its basis record, dates, what it forbids and how to get off it. */
export function listsBody(words: Words, catalog: Catalog, views: readonly ListEntryView[]): Fragment {
  const { t, local, code, day, citation } = words;
  if (views.length === 0) return html`<p>${t('listsIntro')}</p><p>${t('noEntries')}</p>`;
  return html`<p>${t('listsIntro')}</p>
${views.map(
  ({ entry, list, status }) => html`<section id="entry-${entry.id}" aria-labelledby="entry-${entry.id}-title">
<h2 id="entry-${entry.id}-title">${local(list?.title)} <span class="tag">${code(status)}</span></h2>
<dl><dt>${t('listedOn')}</dt><dd>${day(entry.listedAt)}</dd>
${entry.activeFrom > entry.listedAt ? html`<dt>${t('appliesFrom')}</dt><dd>${day(entry.activeFrom)}</dd>` : ''}
${entry.removedAt === null ? html`<dt>${t('until')}</dt><dd>${day(entry.until)}</dd>` : html`<dt>${t('takenOffOn')}</dt><dd>${day(entry.removedAt)}</dd>`}
<dt>${t('basisRecord')}</dt><dd><a href="/me/records#record-${entry.basisRecordId}">${t('basisRecordLink')}</a></dd>
<dt>${t('legalBasis')}</dt><dd>${citation(list?.legalBasis)}</dd></dl>
<h3>${t('restrictions')}</h3><ul>${(list?.restrictions ?? []).map((code) => html`<li>${local(catalog.restriction(code)?.title) || code}</li>`)}</ul>
<h3>${t('howToBeRemoved')}</h3><p>${t('removedBy')}:</p><ul>${(list?.removedBy ?? []).map((code) => html`<li>${local(catalog.recordType(code)?.title) || code}</li>`)}</ul>
${status === 'removed' || status === 'expired' ? '' : html`<p><a href="/me/disputes/new?entry=${entry.id}">${t('disputeLink')}</a></p>`}
</section>`,
)}`;
}

/**
 * Who looked: every check, staff view and export, newest first, each told as a sentence on the
 * jurisdiction's clock and linked to its inclusion proof in the latest signed checkpoint
 * (`logSize` entries); newer entries get one within a second.
 */
export function accessBody(words: Words, catalog: Catalog, views: readonly AccessView[], logSize: number): Fragment {
  const { t, minute, zoneName } = words;
  if (views.length === 0) return html`<p>${t('accessIntro')}</p><p>${t('noAccess')}</p>`;
  return html`<p>${t('accessIntro')}</p><p class="muted">${t('timesIn', { zone: zoneName })}</p>
<table><thead><tr><th scope="col">${t('when')}</th><th scope="col">${t('whatHappened')}</th>
<th scope="col">${t('proof')}</th></tr></thead><tbody>
${views.map(
  (view) => html`<tr><td>${minute(view.time)}</td><td>${accessSentence(words, catalog, view)}</td>
<td>${view.seq < logSize ? html`<a href="/me/access-log/${view.seq}/proof">${t('proofLink', { index: view.seq })}</a>` : t('proofLink', { index: view.seq })}</td></tr>`,
)}
</tbody></table>`;
}

/** The sentence of one access view: who did what, in the pack's names for parties and actions. */
export function accessSentence(words: Words, catalog: Catalog, view: AccessView): string {
  const { t, local, code } = words;
  const who = whoLooked(words, catalog, view);
  const detail = view.detail ?? {};
  const action = typeof detail['action'] === 'string' ? detail['action'] : '';
  const known = catalog.action(action);
  const asked = local(known?.asked ?? known?.title) || action;
  switch (view.action) {
    case 'check.performed':
      return t('lookedCheck', { who, asked, decision: String(detail['decision'] ?? '') });
    case 'check.refused':
      return t('lookedCheckRefused', { who, asked });
    default: {
      const key = LOOKED[view.action];
      return key ? t(key, { who }) : t('lookedOther', { who, action: code(view.action) });
    }
  }
}

/** The sentence of each kind of access other than a check. */
const LOOKED: Readonly<Record<string, MessageKey>> = {
  'record.read': 'lookedRecords',
  'assessment.read': 'lookedRating',
  'audit.subject_viewed': 'lookedAudit',
  'feed.read': 'lookedFeed',
  'list.searched': 'lookedListSearch',
  'portal.signed_in': 'lookedSignIn',
  'attestation.issued': 'lookedReportIssued',
  'attestation.verified': 'lookedReportVerified',
  'dispute.read': 'lookedDispute',
  'evidence.read': 'lookedEvidence',
};

function whoLooked(words: Words, catalog: Catalog, view: AccessView): string {
  const { t, local } = words;
  const { kind, id } = view.actor;
  switch (kind) {
    case 'relying_party':
      return local(catalog.relyingParty(id)?.name) || id;
    case 'institution':
      return local(catalog.institution(id)?.name) || id;
    case 'subject':
      return t('whoYou');
    case 'public':
      return view.action === 'attestation.verified' ? t('whoAnyoneWithLink') : t('whoSomeone');
    case 'staff':
      return t('whoStaff');
    case 'operator':
      return t('whoOperator');
  }
}

/** The start page for a visitor: what Probity is, signing in to see one's own data, and what anyone can read. */
export function homeBody(words: Words, catalog: Catalog, canSignIn: boolean): Fragment {
  const { t, local } = words;
  const published = catalog.pack.lists.filter((list) => list.publication === 'public');
  return html`<p>${t('homeIntro')}</p>
<h2>${t('homeYours')}</h2><p>${t('signInIntro')}</p>
${canSignIn ? html`<p><a class="button" href="/signin">${t('signInWith')}</a></p>` : html`<p>${t('signInNotConfigured')}</p>`}
<h2>${t('homePublic')}</h2><ul>
<li><a href="/lookup">${t('lookupTitle')}</a></li>
${published.map((list) => html`<li><a href="/lookup/lists/${list.code}">${local(list.title)}</a></li>`)}
<li><a href="/rulebooks">${t('rulebooksTitle')}</a></li><li><a href="/catalog">${t('catalogTitle')}</a></li>
<li><a href="/transparency">${t('transparencyTitle')}</a></li><li><a href="/verify">${t('verifyTitle')}</a></li></ul>`;
}
