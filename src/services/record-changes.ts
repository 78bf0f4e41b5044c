import type { Catalog } from '../domain/catalog/catalog.js';
import { listEffectsOf, representativeError } from '../domain/lists/list-effects.js';
import { correctionOf, withdrawalOf, type CorrectionRequest } from '../domain/records/record-changes.js';
import type { RecordVersion, StoredRecord } from '../domain/records/record.js';
import { ProbityError } from '../errors.js';
import type { RecordStore } from '../store/record-store.js';
import type { Clock } from './clock.js';

/**
 * Corrections, withdrawals and history of records, each for the institution that
 * submitted the record only. To anyone else the record does not exist (404), so
 * record ids reveal nothing.
 */
export class RecordChanges {
  constructor(
    private readonly deps: { readonly store: RecordStore; readonly catalog: Catalog; readonly clock: Clock },
  ) {}

  async history(institution: string, id: string): Promise<StoredRecord> {
    const record = await this.deps.store.record(id);
    if (!record || record.institution !== institution) throw notFound(id);
    return record;
  }

  async correct(institution: string, id: string, request: CorrectionRequest): Promise<StoredRecord> {
    const { catalog, clock } = this.deps;
    return this.append(institution, id, (current) =>
      correctionOf(catalog, current, request, clock.now().toISOString()),
    );
  }

  async withdraw(institution: string, id: string, reason: string): Promise<StoredRecord> {
    const { clock } = this.deps;
    return this.append(institution, id, (current) => withdrawalOf(current, reason, clock.now().toISOString()));
  }

  private async append(
    institution: string,
    id: string,
    next: (current: StoredRecord) => Omit<RecordVersion, 'version'>,
  ): Promise<StoredRecord> {
    const updated = await this.deps.store.appendVersion(id, (current) => {
      if (current.institution !== institution) return { ok: false, error: notFound(id) };
      try {
        const version = next(current);
        const record = {
          type: current.type,
          subjectKind: current.subjectKind,
          effectiveAt: version.effectiveAt,
          payload: version.payload,
        };
        const invalid = representativeError(this.deps.catalog, record);
        if (invalid)
          return { ok: false, error: new ProbityError('invalid_identifier', `${invalid.path}: ${invalid.message}`) };
        return { ok: true, version, listEffects: listEffectsOf(this.deps.catalog, record) };
      } catch (error) {
        return { ok: false, error: error as Error };
      }
    });
    if (!updated) throw notFound(id);
    return updated;
  }
}

function notFound(id: string): ProbityError {
  return new ProbityError('not_found', `no record ${id} submitted by your institution`);
}
