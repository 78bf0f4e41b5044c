import { html } from 'hono/html';
import type { Catalog } from '../../domain/catalog/catalog.js';
import type { RecordType, Rulebook, RulebookRule } from '../../domain/catalog/pack.js';
import { rulebookId } from '../../domain/rulebooks/rulebook-id.js';
import type { Fragment } from './page-layout.js';
import type { Words } from './portal-messages.js';

/** Every published rulebook, newest version first within each code. */
export function rulebooksBody(words: Words, catalog: Catalog): Fragment {
  const { t, local } = words;
  const rulebooks = [...catalog.pack.rulebooks].sort(
    (a, b) => a.code.localeCompare(b.code) || b.effectiveFrom.localeCompare(a.effectiveFrom),
  );
  return html`<p>${t('rulebooksIntro')}</p><ul>${rulebooks.map((r) => html`<li><a href="/rulebooks/${r.code}/${r.version}">${local(r.title)}</a> · ${r.version} · ${t('effective')} ${r.effectiveFrom}</li>`)}</ul>
<p><a href="/catalog">${t('catalogTitle')}</a></p>`;
}

/**
 * One rulebook, rule by rule: what each rule does in words, which records count, how the points
 * fade and their cap; the expressions as published behind a disclosure, so anyone can redo the
 * arithmetic.
 */
export function rulebookBody(words: Words, catalog: Catalog, rulebook: Rulebook): Fragment {
  const { t, local } = words;
  return html`<dl><dt>${t('version')}</dt><dd>${rulebook.version}</dd><dt>${t('effective')}</dt><dd>${rulebook.effectiveFrom}</dd>
<dt>${t('baseScore')}</dt><dd>${rulebook.baseScore} (${t('rangeLabel')} ${rulebook.range.min}–${rulebook.range.max})</dd>
<dt>${t('bandsLabel')}</dt><dd>${rulebook.bands.map((b, i) => html`${i ? ' · ' : ''}${local(b.label)} ≥ ${b.min}`)}</dd></dl>
<details><summary>${t('rulebookForExperts')}</summary><dl><dt>${t('contentHash')}</dt><dd><code class="hash">${rulebookId(rulebook)}</code></dd></dl></details>
<p>${t('arithmetic')}</p>
${ceilingsSection(words, catalog, rulebook)}
${rulebook.rules.map((rule) => ruleSection(words, catalog, rule))}`;
}

/** The lists that cap the band while a subject is on them, each in words with a link to the list. */
function ceilingsSection(words: Words, catalog: Catalog, rulebook: Rulebook): Fragment | '' {
  const { t, local } = words;
  const ceilings = rulebook.ceilings ?? [];
  if (ceilings.length === 0) return '';
  const band = (code: string) => local(rulebook.bands.find((b) => b.code === code)?.label);
  return html`<section id="ceilings" class="rule"><h2>${t('ceilingsTitle')}</h2><p>${t('ceilingsIntro')}</p><ul>
${ceilings.map((ceiling) => {
  const list = catalog.list(ceiling.list);
  const name = local(list?.title) || ceiling.list;
  return html`<li>${ceiling.description ? local(ceiling.description) : t('ceilingAtMost', { list: name, band: band(ceiling.band) })}${list?.publication === 'public' ? html` <a href="/lookup/lists/${ceiling.list}">${name}</a>` : ''}</li>`;
})}</ul></section>`;
}

function ruleSection(words: Words, catalog: Catalog, rule: RulebookRule): Fragment {
  const { t, local } = words;
  const fades = !rule.decay
    ? t('ruleFades', { decay: 'none' })
    : 'halfLifeDays' in rule.decay
      ? t('ruleFades', { decay: 'half', days: rule.decay.halfLifeDays })
      : t('ruleFades', { decay: 'linear' });
  const points = typeof rule.points === 'number' ? t('rulePoints', { points: rule.points }) : t('rulePointsVary');
  const cap = rule.cap === undefined ? [] : [t('ruleCap', { cap: rule.cap })];
  return html`<section id="rule-${rule.id}" class="rule"><h2>${local(rule.reason.text)}</h2>
<p>${rule.description ? local(rule.description) : points}</p>
<p>${[fades, ...cap].join(t('sentenceGap'))}</p>
<p>${t('recordTypesLabel')}: ${rule.recordTypes.map((code, i) => html`${i ? ', ' : ''}<a href="/catalog#type-${code}">${local(catalog.recordType(code)?.title) || code}</a>`)}</p>
<details><summary>${t('rulePublished')}</summary><dl><dt>${t('rulePointsCel')}</dt><dd><code>${String(rule.points)}</code></dd>
${rule.when ? html`<dt>${t('ruleWhenCel')}</dt><dd><code>${rule.when}</code></dd>` : ''}<dt>${t('reasonCode')}</dt><dd><code>${rule.reason.code}</code></dd></dl></details>
</section>`;
}

/** The catalog: what each record type means, who may submit it, how long it is kept, who sees it. */
export function catalogBody(words: Words, catalog: Catalog): Fragment {
  const { t, local, code, citation } = words;
  const byCategory = new Map<string, RecordType[]>();
  for (const type of catalog.pack.recordTypes)
    byCategory.set(type.category, [...(byCategory.get(type.category) ?? []), type]);
  return html`<p>${t('catalogIntro')}</p>
${[...byCategory].map(
  ([
    category,
    types,
  ]) => html`<h2>${code(category)}</h2><table><thead><tr><th scope="col">${t('type')}</th><th scope="col">${t('legalBasis')}</th>
<th scope="col">${t('retentionLabel')}</th><th scope="col">${t('publicationLabel')}</th><th scope="col">${t('submittedBy')}</th></tr></thead><tbody>
${types.map(
  (
    type,
  ) => html`<tr id="type-${type.code}"><td>${local(type.title)} <span class="tag">${code(type.polarity)}</span><br><span class="muted">${type.code} · ${type.subjectKinds.map(code).join(', ')}</span>${type.description ? html`<br>${local(type.description)}` : ''}</td>
<td>${type.legalBasis.url ? html`<a href="${type.legalBasis.url}">${citation(type.legalBasis)}</a>` : citation(type.legalBasis)}</td>
<td>${t('retentionYears', { years: type.retention.years })} (${code(type.retention.from)})</td><td>${code(type.publication)}${type.disputeSuspends ? html`<br><span class="muted">${t('disputeSuspends')}</span>` : ''}</td>
<td>${catalog.pack.institutions.filter((i) => i.recordTypes.includes(type.code)).map((i, n) => html`${n ? ', ' : ''}${local(i.name)}`)}</td></tr>`,
)}
</tbody></table>`,
)}`;
}
