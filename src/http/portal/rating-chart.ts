import { html } from 'hono/html';
import type { RatingBand } from '../../domain/catalog/pack.js';
import type { Assessment } from '../../domain/rulebooks/assess.js';
import type { Fragment } from './page-layout.js';
import type { Words } from './portal-messages.js';

const WIDTH = 640;
const HEIGHT = 220;
const PAD = { left: 44, right: 12, top: 12, bottom: 28 };
const BAND_FILLS = ['#e3f1e6', '#f4f1de', '#f6e2e2', '#eee'];

/**
 * The rating over time as an SVG line chart drawn on the server (no script), with the
 * bands shaded behind it, and the same figures as a table for screen readers and anyone
 * who prefers numbers (WCAG 1.1.1).
 */
export function ratingChart(
  words: Words,
  points: readonly Assessment[],
  range: { min: number; max: number },
  bands: readonly RatingBand[],
): Fragment {
  const { t, local, day } = words;
  if (points.length < 2) return html`<p>${t('historyTooShort')}</p>`;
  const times = points.map((p) => Date.parse(p.asOf));
  const first = times[0]!;
  const span = Math.max(times.at(-1)! - first, 1);
  const x = (time: number) => PAD.left + ((time - first) / span) * (WIDTH - PAD.left - PAD.right);
  const y = (score: number) =>
    PAD.top + (1 - (score - range.min) / (range.max - range.min)) * (HEIGHT - PAD.top - PAD.bottom);
  const round = (n: number) => Math.round(n * 10) / 10;
  const line = points.map((p, i) => `${round(x(times[i]!))},${round(y(p.score))}`).join(' ');
  // Bands are listed highest first; each is shaded from its minimum up to the next one's.
  const shading = bands.map((band, i) => {
    const top = i === 0 ? range.max : bands[i - 1]!.min;
    return html`<rect x="${PAD.left}" y="${round(y(top))}" width="${WIDTH - PAD.left - PAD.right}" height="${round(y(band.min) - y(top))}" fill="${BAND_FILLS[i] ?? '#eee'}"/>
<text x="${WIDTH - PAD.right - 4}" y="${round(y(top)) + 14}" text-anchor="end" font-size="12" fill="#333">${local(band.label)}</text>`;
  });
  const years = [...new Set(points.map((p) => p.asOf.slice(0, 4)))];
  const first_ = points[0]!;
  const last = points.at(-1)!;
  const summary =
    `${t('historyFrom')} ${day(first_.asOf)} (${first_.score}, ${local(first_.band.label)}) ` +
    `${t('historyTo')} ${day(last.asOf)} (${last.score}, ${local(last.band.label)})`;
  return html`<figure class="chart"><svg viewBox="0 0 ${WIDTH} ${HEIGHT}" width="100%" role="img" aria-labelledby="chart-title chart-desc" xmlns="http://www.w3.org/2000/svg">
<title id="chart-title">${t('historyTitle')}</title><desc id="chart-desc">${summary}</desc>
${shading}
${[range.min, bands.at(-2)?.min, bands[0]?.min, range.max].filter((v): v is number => v !== undefined).map((v) => html`<text x="${PAD.left - 6}" y="${round(y(v)) + 4}" text-anchor="end" font-size="11" fill="#333">${v}</text>`)}
${years.map((year) => {
  const at = Math.max(Date.parse(`${year}-01-01T00:00:00Z`), first);
  return html`<text x="${round(x(at))}" y="${HEIGHT - 8}" font-size="11" fill="#333">${year}</text>`;
})}
<polyline points="${line}" fill="none" stroke="#0b4f9c" stroke-width="2.5"/>
${points.map((p, i) => html`<circle cx="${round(x(times[i]!))}" cy="${round(y(p.score))}" r="3" fill="#0b4f9c"/>`)}
</svg><figcaption>${summary}</figcaption></figure>
<details><summary>${t('historyTable')}</summary><table><thead><tr><th scope="col">${t('asOf')}</th><th scope="col" class="num">${t('score')}</th><th scope="col">${t('band')}</th></tr></thead>
<tbody>${points.map((p) => html`<tr><td>${day(p.asOf)}</td><td class="num">${p.score}</td><td>${local(p.band.label)}</td></tr>`)}</tbody></table></details>`;
}
