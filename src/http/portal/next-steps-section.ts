import { html } from 'hono/html';
import type { Catalog } from '../../domain/catalog/catalog.js';
import type { Fading, ListingExit, NextSteps } from '../../domain/rulebooks/next-steps.js';
import type { Fragment } from './page-layout.js';
import type { Words } from './portal-messages.js';

/**
 * "What you can do", under the rating: how far the next band is, when each reason that lowered
 * the score fades, which act takes the person off each list, and how to dispute what is wrong.
 */
export function nextStepsSection(words: Words, catalog: Catalog, steps: NextSteps, acting: number): Fragment {
  const { t, local } = words;
  const as = acting > 0 ? `?as=${acting}` : '';
  const band = steps.nextBand
    ? t('nextBand', { points: steps.nextBand.points, band: local(steps.nextBand.band.label) })
    : steps.listings.length > 0
      ? t('nextBandAfterList')
      : t('topBand');
  return html`<section aria-labelledby="next-steps-title"><h2 id="next-steps-title">${t('nextStepsTitle')}</h2>
<p>${band}</p>
${steps.listings.length > 0 ? html`<h3>${t('listingExitsTitle')}</h3><ul>${steps.listings.map((exit) => html`<li>${listingExit(words, catalog, exit)}</li>`)}</ul>` : ''}
${steps.fading.length > 0 ? html`<h3>${t('fadingTitle')}</h3><ul>${steps.fading.map((fading) => html`<li>${fadingSentence(words, fading)}</li>`)}</ul>` : ''}
<h3>${t('somethingWrongTitle')}</h3>
<p>${t('somethingWrong', { days: catalog.pack.manifest.disputes.deadlineDays })} <a href="/me/records${as}">${t('startDispute')}</a></p>
</section>`;
}

function listingExit(words: Words, catalog: Catalog, exit: ListingExit): Fragment {
  const { t, local, day } = words;
  const list = local(catalog.list(exit.listCode)?.title);
  return html`${t('listingExit', { list, key: exit.matchKey ?? 'none' })}
<ul>${exit.removedBy.map((code) => html`<li>${local(catalog.recordType(code)?.title) || code}</li>`)}</ul>
${t('listingOtherwise', { until: day(exit.until) })}`;
}

function fadingSentence(words: Words, fading: Fading): string {
  const { t, local, day } = words;
  return t('fading', {
    reason: local(fading.reasonText),
    points: fading.points,
    decay: fading.decay === 'half_life' ? 'half' : fading.decay,
    days: fading.halfLifeDays ?? 0,
    end: fading.outstanding ? 'outstanding' : 'on',
    years: fading.outstanding?.yearsAfter ?? 0,
    date: fading.stopsCountingAt ? day(fading.stopsCountingAt) : '',
  });
}
