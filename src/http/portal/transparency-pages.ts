import { html } from 'hono/html';
import type { Catalog } from '../../domain/catalog/catalog.js';
import type { InstitutionFigures } from '../../domain/disputes/institution-figures.js';
import type { Fragment } from './page-layout.js';
import type { Words } from './portal-messages.js';

const BAR_HEIGHT = 22;
const LABEL_WIDTH = 260;
const BAR_WIDTH = 360;

/**
 * Each institution's disputes as a stacked bar (upheld, resolved at the deadline, partly
 * upheld, rejected, pending) drawn on the server, with the figures as a table beside it.
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
  const height = figures.length * (BAR_HEIGHT + 6) + 30;
  return html`<p>${t('transparencyIntro')}</p>
<figure class="chart"><svg viewBox="0 0 ${LABEL_WIDTH + BAR_WIDTH + 10} ${height}" width="100%" role="img" aria-labelledby="transparency-title" xmlns="http://www.w3.org/2000/svg">
<title id="transparency-title">${t('transparencyChart')}</title>
${figures.map((f, row) => {
  let x = LABEL_WIDTH;
  const y = row * (BAR_HEIGHT + 6);
  return html`<text x="${LABEL_WIDTH - 8}" y="${y + 15}" text-anchor="end" font-size="12" fill="#333">${local(catalog.institution(f.institution)?.name) || f.institution}</text>
${parts(f)
  .filter((p) => p.value > 0)
  .map((p) => {
    const width = (p.value / most) * BAR_WIDTH;
    const bar = html`<rect x="${x.toFixed(1)}" y="${y}" width="${width.toFixed(1)}" height="${BAR_HEIGHT}" fill="${p.fill}"><title>${label(p.key)}: ${p.value}</title></rect>`;
    x += width;
    return bar;
  })}`;
})}
${parts(figures[0]!).map((p, i) => html`<rect x="${LABEL_WIDTH + i * 72}" y="${height - 20}" width="10" height="10" fill="${p.fill}"/><text x="${LABEL_WIDTH + i * 72 + 14}" y="${height - 11}" font-size="10" fill="#333">${label(p.key)}</text>`)}
</svg></figure>
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
