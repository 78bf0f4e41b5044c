import { afterEach, beforeEach } from 'vitest';
import type { StorableSubmission } from '../../src/domain/records/record.js';
import { openStore } from '../../src/store/open-store.js';
import type { Store } from '../../src/store/store.js';
import { freshStoreUrl, type StoreKind } from './stores.js';

/** A fresh, migrated store of the kind for each test of the calling suite, closed after it. */
export function freshStorePerTest(kind: StoreKind): { readonly store: Store } {
  const context = {} as { store: Store };
  beforeEach(async () => {
    context.store = await openStore(await freshStoreUrl(kind));
  });
  afterEach(async () => {
    await context.store.close();
  });
  return context;
}

/** A checked submission by the Pudong court about one person, to vary in store tests. */
export function submission(sourceRef: string, overrides: Partial<StorableSubmission> = {}): StorableSubmission {
  return {
    institution: 'shanghai-pudong-court',
    type: 'court.judgment_unperformed',
    sourceRef,
    subject: { scheme: 'CN-RIC', value: '11010519491231002X', kind: 'person', name: 'Zhang San' },
    effectiveAt: '2025-03-01T00:00:00.000Z',
    payloadJson: '{"amount":125000,"currency":"CNY"}',
    bodyHash: `hash-${sourceRef}`,
    ...overrides,
  };
}
