import { html } from 'hono/html';
import type { Catalog } from '../../domain/catalog/catalog.js';
import type { InstitutionFigures } from '../../domain/disputes/institution-figures.js';
import type { Fragment } from './page-layout.js';
import type { Words } from './portal-messages.js';

/** Bar height in pixels; bar lengths are in disputes, scaled to the widest (the most received). */
const BAR_HEIGHT = 18;

/**
 * Each institution's disputes as a stacked bar (upheld, resolved at the deadline, partly
 * upheld, rejected, pending) drawn on the server, its name and figures as text beside it (so
 * nothing is clipped or shrunk on a phone), and the figures as a table below.
 */
export function transparencyBody(words: Words, catalog: Catalog, figures: readonly InstitutionFigures[]): Fragment {
  const { t, local, code } = words;
  if (figures.length === 0) return html`<p>${t('transparencyIntro')}</p><p>${t('noDisputesYet')}</p>`;
  const most = Math.max(...figures.map((f) => f.received));
  const parts = (f: InstitutionFigures) => [
    { key: 'upheld', value: f.upheld, fill: '#a4161a' },
    { key: 'autoResolved', value: f.autoResolved, fill: '#e07a5f' },
    { key: 'partially_upheld', value: f.partiallyUpheld, fill: '#f2cc8f' },
    { key: 'rejected', value: f.rejected, fill: '#81b29a' },
    { key: 'pending', value: f.pending, fill: '#ccc' },
  ];
  const label = (key: string) =>
    key === 'autoResolved' ? t('autoResolved') : key === 'pending' ? t('pending') : code(key);
  const swatch = (fill: string) =>
    html`<svg width="12" height="12" aria-hidden="true" focusable="false"><rect width="12" height="12" fill="${fill}"/></svg>`;
  return html`<p>${t('transparencyIntro')}</p>
<figure class="bars"><figcaption>${t('transparencyChart')}</figcaption>
<ul class="legend">${parts(figures[0]!).map((p) => html`<li>${swatch(p.fill)} ${label(p.key)}</li>`)}</ul>
${figures.map((f) => {
  let x = 0;
  const shown = parts(f).filter((p) => p.value > 0);
  return html`<div class="outcomes"><p><strong>${local(catalog.institution(f.institution)?.name) || f.institution}</strong> · ${t('disputesReceived', { count: f.received })}</p>
<svg viewBox="0 0 ${most} ${BAR_HEIGHT}" preserveAspectRatio="none" width="100%" height="${BAR_HEIGHT}" aria-hidden="true" focusable="false">${shown.map(
    (p) => {
      const bar = html`<rect x="${x}" y="0" width="${p.value}" height="${BAR_HEIGHT}" fill="${p.fill}"/>`;
      x += p.value;
      return bar;
    },
  )}</svg>
<p class="muted">${shown.map((p, i) => html`${i ? t('listSeparator') : ''}${swatch(p.fill)} ${t('figureOf', { label: label(p.key), count: p.value })}`)}</p></div>`;
})}
</figure>
${figuresTable(words, catalog, figures)}`;
}

/** The figures as a table; on a phone each cell says which column it is (data-label). */
function figuresTable(words: Words, catalog: Catalog, figures: readonly InstitutionFigures[]): Fragment {
  const { t, local, code } = words;
  const columns = [
    t('received'),
    code('upheld'),
    t('autoResolved'),
    code('partially_upheld'),
    code('rejected'),
    t('pending'),
    t('medianDaysToAnswer'),
  ];
  return html`<table><thead><tr><th scope="col">${t('source')}</th>${columns.map((c) => html`<th scope="col" class="num">${c}</th>`)}</tr></thead><tbody>
${figures.map((f) => {
  const values = [
    f.received,
    f.upheld,
    f.autoResolved,
    f.partiallyUpheld,
    f.rejected,
    f.pending,
    f.medianDaysToAnswer ?? '—',
  ];
  return html`<tr><th scope="row">${local(catalog.institution(f.institution)?.name) || f.institution}</th>${values.map((v, i) => html`<td class="num" data-label="${columns[i]}">${v}</td>`)}</tr>`;
})}</tbody></table>`;
}
