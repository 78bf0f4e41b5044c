import type { Catalog } from '../../src/domain/catalog/catalog.js';
import { loadCatalog } from '../../src/registry.js';
import { DEMO_PACK } from './pack-fixture.js';

let demo: Catalog | undefined;

/** The demo pack's catalog, loaded once per test file. */
export function demoCatalog(): Catalog {
  demo ??= loadCatalog(DEMO_PACK);
  return demo;
}

/** A valid submission of court.judgment_unperformed by the Pudong court, to vary in tests. */
export function validSubmission(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    type: 'court.judgment_unperformed',
    sourceRef: '(2025)沪0115执123号',
    subject: { scheme: 'CN-RIC', value: '11010519491231002X', name: '张三' },
    effectiveAt: '2025-03-01T00:00:00Z',
    payload: { caseNumber: '(2025)沪0115执123号', amount: 125000, currency: 'CNY' },
    ...overrides,
  };
}
