import { ProbityError } from '../errors.js';
import type { AuditSource } from '../services/audit-verify.js';
import type { StoredAuditEntry } from '../store/store.js';

/** Reads a running server's log through its public API and, for entries, an auditor key. */
/** The server's largest page of log entries. */
const MAX_PAGE = 1_000;

export function httpAuditSource(
  base: string,
  apiKey: string | undefined,
): AuditSource & { verifierKey(): Promise<string> } {
  const root = base.replace(/\/+$/, '');
  async function get(path: string, auth = false): Promise<Response> {
    const headers: Record<string, string> = auth && apiKey ? { authorization: `Bearer ${apiKey}` } : {};
    const response = await fetch(`${root}${path}`, { headers });
    if (!response.ok) {
      const detail = await response.text();
      throw new ProbityError(
        'invalid_config',
        `GET ${root}${path} answered ${response.status}: ${detail.slice(0, 300)}`,
      );
    }
    return response;
  }
  const checkpoint = async () => (await get('/v1/audit/checkpoint')).text();
  return {
    async size() {
      const lines = (await checkpoint()).split('\n');
      return Number(lines[1]);
    },
    async entries(start, end) {
      const found: StoredAuditEntry[] = [];
      let next: number | null = start;
      while (next !== null && next < end) {
        const page = (await (
          await get(`/v1/audit/entries?cursor=${next}&limit=${Math.min(MAX_PAGE, end - next)}`, true)
        ).json()) as {
          entries: { seq: number; entry: string }[];
          next: number | null;
        };
        found.push(...page.entries.map((e) => ({ seq: e.seq, text: e.entry })));
        next = page.entries.length === 0 ? null : page.next;
      }
      return found;
    },
    async checkpoints() {
      return [await checkpoint()];
    },
    async consistencyProof(from, to) {
      const proof = (await (await get(`/v1/audit/proof/consistency?from=${from}&to=${to}`)).json()) as {
        hashes: string[];
      };
      return proof.hashes.map((h) => Buffer.from(h, 'base64'));
    },
    async verifierKey() {
      return (await (await get('/v1/audit/key')).text()).trim();
    },
  };
}
