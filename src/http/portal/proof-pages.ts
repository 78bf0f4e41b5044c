import { html } from 'hono/html';
import type { Catalog } from '../../domain/catalog/catalog.js';
import type { AccessProof } from '../../services/access-proof.js';
import type { AccessView } from '../../services/subject-data.js';
import type { Fragment } from './page-layout.js';
import { accessSentence } from './portal-pages.js';
import type { Words } from './portal-messages.js';

const base64 = (hash: Uint8Array) => Buffer.from(hash).toString('base64');

/**
 * The proof that one access to a person's data is in the public log, in plain words first (which
 * entry, which signed checkpoint holds it, whether the server's check held), then the hashes for
 * whoever wants to check it themselves, then the raw proof for tools.
 */
export function accessProofBody(words: Words, catalog: Catalog, proof: AccessProof, view: AccessView): Fragment {
  const { t, minute, zoneName } = words;
  const raw = `/v1/audit/proof/inclusion?index=${proof.index}&size=${proof.size}`;
  const verdict = proof.check.valid
    ? html`<p role="status" class="valid"><strong>${t('proofVerified')}</strong></p>`
    : html`<p role="alert" class="invalid"><strong>${t('proofNotVerified')}</strong></p>`;
  return html`<p><strong>${minute(view.time)}</strong> ${accessSentence(words, catalog, view)}</p>
<p class="muted">${t('timesIn', { zone: zoneName })}</p>
<p>${t('proofWhat', { index: proof.index })}</p><p>${t('proofCheckpoint', { size: proof.size })}</p>
${verdict}<p>${t('proofAnyone')}</p>
<details><summary>${t('proofExperts')}</summary><dl class="hashes">
${proof.check.valid ? '' : html`<dt>${t('proofReason')}</dt><dd>${proof.check.reason}</dd>`}
<dt>${t('proofEntryText')}</dt><dd><code>${proof.entry}</code></dd>
<dt>${t('proofLeafHash')}</dt><dd><code>${base64(proof.leafHash)}</code></dd>
<dt>${t('proofPath')}</dt><dd><ol>${proof.hashes.map((h) => html`<li><code>${base64(h)}</code></li>`)}</ol></dd>
<dt>${t('proofRoot')}</dt><dd><code>${base64(proof.root)}</code></dd>
<dt>${t('proofCheckpointText')}</dt><dd><pre><code>${proof.checkpoint}</code></pre></dd>
</dl><p><a href="/v1/audit/key">${t('proofPublicKey')}</a></p></details>
<p><a href="${raw}">${t('proofRawJson')}</a></p>
<p><a href="/me/access-log">${t('proofBack')}</a></p>`;
}
