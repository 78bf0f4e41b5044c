import { html } from 'hono/html';
import type { Catalog } from '../../domain/catalog/catalog.js';
import type { EnforcementList } from '../../domain/catalog/pack.js';
import type { PublicListEntry } from '../../services/public-lists.js';
import type { FoundSubject, PublicProfile } from '../../services/public-lookup.js';
import type { PublicSubject } from '../../store/store.js';
import type { Fragment } from './page-layout.js';
import { ratingBody } from './portal-pages.js';
import type { Words } from './portal-messages.js';

/** The outcome of a search a page shows: its results, or why it did not run. */
export type Searched<T> = { readonly results: readonly T[] } | { readonly problem: string };

function searchOutcome<T>(
  words: Words,
  searched: Searched<T> | undefined,
  show: (results: readonly T[]) => Fragment,
): Fragment | string {
  if (searched === undefined) return '';
  if ('problem' in searched) return html`<p role="alert">${searched.problem}</p>`;
  return searched.results.length === 0 ? html`<p>${words.t('noResults')}</p>` : show(searched.results);
}

const profileHref = (s: PublicSubject) => {
  const id = s.identifiers[0];
  return id ? `/lookup/${encodeURIComponent(id.scheme)}/${encodeURIComponent(id.value)}` : '#';
};

/** The lookup form, its results, and the published lists one can search. */
export function lookupBody(
  words: Words,
  catalog: Catalog,
  query: string,
  searched: Searched<FoundSubject> | undefined,
  next?: string,
): Fragment {
  const { t, local } = words;
  const lists = catalog.pack.lists.filter((l) => l.publication === 'public');
  // Bodies of one name (every district has its 城市管理行政执法局) are told apart by region and code.
  const found = (s: FoundSubject) =>
    html`<li><a href="${profileHref(s)}">${s.name ?? s.identifiers[0]?.value ?? s.id}</a><br><span class="muted">${s.region ? html`${local(s.region)} · ` : ''}${words.code(s.kind)} · ${t('codeLabel', { code: s.identifiers.map((i) => i.value).join(', ') })}</span></li>`;
  return html`<p>${t('lookupIntro')}</p>
<form method="get" action="/lookup" role="search"><label for="q">${t('lookupLabel')}</label> <input id="q" name="q" value="${query}" minlength="2" maxlength="64" required> <button type="submit">${t('search')}</button></form>
${searchOutcome(words, searched, (results) => html`<ul class="found">${results.map(found)}</ul>`)}
${next ? html`<p><a href="/lookup?q=${encodeURIComponent(query)}&amp;page=${next}">${t('moreResults')}</a></p>` : ''}
<h2 id="lists">${t('listsSearchTitle')}</h2><ul>${lists.map((l) => html`<li><a href="/lookup/lists/${l.code}">${local(l.title)}</a></li>`)}</ul>`;
}

/** An organization's or government body's public page: rating and reasons, public records. */
export function profileBody(words: Words, catalog: Catalog, profile: PublicProfile): Fragment {
  const { t, local, code, day, citation } = words;
  const { subject } = profile;
  return html`<dl><dt>${t('kind')}</dt><dd>${code(subject.kind)}</dd><dt>${t('identifiersLabel')}</dt><dd>${subject.identifiers.map((i) => `${i.scheme} ${i.value}`).join(', ')}</dd></dl>
${ratingBody(words, catalog, profile.assessment, { byId: new Map(profile.records.map((view) => [view.record.id, view])), href: (id) => `#record-${id}` }, 'public')}
<h2>${t('publicRecords')}</h2>
${
  profile.records.length === 0
    ? html`<p>${t('noRecords')}</p>`
    : html`<table><thead><tr><th scope="col">${t('type')}</th><th scope="col">${t('source')}</th><th scope="col">${t('legalBasis')}</th><th scope="col">${t('effective')}</th><th scope="col">${t('status')}</th></tr></thead><tbody>
${profile.records.map(
  ({
    record,
    recordType,
    status,
  }) => html`<tr id="record-${record.id}"><td>${local(recordType.title)}</td><td>${local(catalog.institution(record.institution)?.name)} <span class="muted">${record.sourceRef}</span></td>
<td>${citation(recordType.legalBasis)}</td><td>${day(record.versions.at(-1)?.effectiveAt ?? '')}</td><td>${code(status)}</td></tr>`,
)}
</tbody></table>`
}`;
}

/** Search of one published list; identifiers of persons come masked, as the list API gives them. */
export function listSearchBody(
  words: Words,
  catalog: Catalog,
  list: EnforcementList,
  { query, holds }: { readonly query: string; readonly holds: number },
  searched: Searched<PublicListEntry> | undefined,
): Fragment {
  const { t, local, day } = words;
  return html`<p>${t('listHolds', { count: holds })}</p>${listAbout(words, catalog, list)}
<form method="get" action="/lookup/lists/${list.code}" role="search"><label for="q">${t('listSearchLabel')}</label> <input id="q" name="q" value="${query}" minlength="2" maxlength="64" required> <button type="submit">${t('search')}</button></form>
${searchOutcome(
  words,
  searched,
  (entries) => html`<table><thead><tr><th scope="col">${t('name')}</th><th scope="col">${t('identifiersLabel')}</th>
<th scope="col">${t('decidingBody')}</th><th scope="col">${t('caseReference')}</th><th scope="col">${t('obligation')}</th><th scope="col">${t('since')}</th><th scope="col">${t('until')}</th></tr></thead><tbody>
${entries.map(
  (
    e,
  ) => html`<tr><td>${e.name ?? ''}</td><td>${e.identifiers.map((i) => i.value).join(', ')}</td><td>${local(e.decidingBody.name ?? undefined) || e.decidingBody.code}</td>
<td>${e.caseReference ?? ''}</td><td>${e.obligation ?? ''}</td><td>${day(e.since)}</td><td>${day(e.until)}</td></tr>`,
)}</tbody></table>`,
)}`;
}

/** What a list is: who puts one on it and takes one off, what it forbids, for how long, and on what legal basis. */
function listAbout(words: Words, catalog: Catalog, list: EnforcementList): Fragment {
  const { t, local, citation } = words;
  const typeTitles = (codes: readonly string[]) =>
    codes.map((code, i) => html`${i ? t('listSeparator') : ''}${local(catalog.recordType(code)?.title) || code}`);
  const actions = [...new Set(list.restrictions.flatMap((code) => catalog.restriction(code)?.actions ?? []))].map(
    (code) => catalog.action(code),
  );
  return html`<dl><dt>${t('listAddedBy')}</dt><dd>${typeTitles(list.addedBy)}</dd>
<dt>${t('listRemovedBy')}</dt><dd>${typeTitles(list.removedBy)}</dd>
<dt>${t('listHowLong')}</dt><dd>${t('listTerm', { notice: list.noticeDays, days: list.term.defaultDays, fromPayload: list.term.payloadField ? 'yes' : 'no' })}</dd>
<dt>${t('legalBasis')}</dt><dd>${citation(list.legalBasis)}</dd></dl>
<details><summary>${t('listWhileListed')}</summary><ul>${actions.map((action) => html`<li>${local(action?.asked ?? action?.title)}</li>`)}</ul></details>`;
}

export function tooManyRequestsBody(words: Words, retryAfterSeconds: number): Fragment {
  const { t } = words;
  return html`<p role="alert">${t('tooManyText', { seconds: retryAfterSeconds })}</p>`;
}
