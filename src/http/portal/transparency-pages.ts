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
  return html`<div class="bar"><p><strong>${local(catalog.institution(f.institution)?.name) || f.institution}</strong> · ${t('disputesReceived', { count: f.received })}</p>
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
<table><thead><tr><th scope="col">${t('source')}</th><th scope="col" class="num">${t('received')}</th><th scope="col" class="num">${code('upheld')}</th>
<th scope="col" class="num">${t('autoResolved')}</th><th scope="col" class="num">${code('partially_upheld')}</th><th scope="col" class="num">${code('rejected')}</th>
<th scope="col" class="num">${t('pending')}</th><th scope="col" class="num">${t('medianDaysToAnswer')}</th></tr></thead><tbody>
${figures.map(
  (
    f,
  ) => html`<tr><td>${local(catalog.institution(f.institution)?.name) || f.institution}</td><td class="num">${f.received}</td><td class="num">${f.upheld}</td>
<td class="num">${f.autoResolved}</td><td class="num">${f.partiallyUpheld}</td><td class="num">${f.rejected}</td><td class="num">${f.pending}</td>
<td class="num">${f.medianDaysToAnswer ?? '—'}</td></tr>`,
)}</tbody></table>`;
}
