import type { RecordType } from '../catalog/pack.js';
import type { RecordVersion, StoredRecord } from '../records/record.js';

/** A record as an assessment sees it: its latest version known at the time. */
export interface KnownRecord {
  readonly record: StoredRecord;
  readonly current: RecordVersion;
}

/** When a known record stops counting (ms since the epoch), or undefined while it has no end yet. */
export type RetentionEnd = (known: KnownRecord) => number | undefined;

/**
 * Retention of the subject's records as of a valid time. A record type retained from
 * its effective date keeps a record for its years from then. One retained from the end
 * of the obligation keeps it for its years from the first later record that ended the
 * obligation (a judgment performed, with the same case number when the pack matches on
 * it), effective by `asOfMs`; while none has, the obligation is outstanding and the
 * record has no end: not paying must not make a debt disappear.
 */
export function retentionEnds(
  known: readonly KnownRecord[],
  recordType: (code: string) => RecordType | undefined,
  asOfMs: number,
): RetentionEnd {
  // Effective times and payloads of the subject's records by type, to find what ended an obligation.
  let byType: Map<string, { effectiveMs: number; payload: Readonly<Record<string, unknown>> }[]> | undefined;
  const endings = () => {
    if (byType) return byType;
    byType = new Map();
    for (const { record, current } of known) {
      if (current.action === 'withdrawn') continue;
      const effectiveMs = Date.parse(current.effectiveAt);
      if (effectiveMs > asOfMs) continue;
      const list = byType.get(record.type) ?? [];
      list.push({ effectiveMs, payload: current.payload });
      byType.set(record.type, list);
    }
    return byType;
  };

  return ({ record, current }) => {
    const retention = recordType(record.type)?.retention;
    if (!retention) return undefined;
    const effectiveMs = Date.parse(current.effectiveAt);
    if (retention.from === 'effective' || !retention.endedBy) return addYears(effectiveMs, retention.years);
    const { recordTypes, matchOn } = retention.endedBy;
    const key = matchOn === undefined ? undefined : current.payload[matchOn];
    let ended: number | undefined;
    for (const type of recordTypes) {
      for (const ending of endings().get(type) ?? []) {
        if (ending.effectiveMs < effectiveMs) continue; // an earlier performance cannot end a later obligation
        if (matchOn !== undefined && ending.payload[matchOn] !== key) continue;
        if (ended === undefined || ending.effectiveMs < ended) ended = ending.effectiveMs;
      }
    }
    return ended === undefined ? undefined : addYears(ended, retention.years);
  };
}

function addYears(ms: number, years: number): number {
  const date = new Date(ms);
  date.setUTCFullYear(date.getUTCFullYear() + years);
  return date.getTime();
}
