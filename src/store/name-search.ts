import type { NameCursor } from './store.js';

/**
 * How many names a substring index may hand back before a search counts as common. Up to this
 * many, the matches are sorted by name in memory; beyond it, sorting every match would cost as
 * much as reading them all (805 ms for 有限公司 at a million names), so the search walks the
 * names in order instead, where a common needle is met often (docs/decisions.md, name search).
 */
export const NAME_SEARCH_CANDIDATES = 1000;

/** A subject row as the name searches read it (a type, not an interface, so that it is a row record). */
export type NamedRow = {
  readonly id: string;
  readonly kind: string;
  readonly public_name: string;
};

/** What each store answers a name search with: its own indexes, the same results. */
export interface NameSearchIndex {
  /** Up to `max` names containing `needle` (case-insensitive), in no particular order, from the substring index. */
  candidates(needle: string, max: number): NamedRow[] | Promise<NamedRow[]>;
  /** The first `limit` names containing `needle` after `after`, walking the names in name then id order. */
  inNameOrder(needle: string, after: NameCursor, limit: number): NamedRow[] | Promise<NamedRow[]>;
}

/** Before every name: the cursor of a first page. */
export const FIRST_PAGE: NameCursor = { name: '', id: '' };

/**
 * Names containing `needle`, in name then id order, after `after`: from the substring index
 * when the matches are few enough to sort, by walking the names in order when they are many.
 * Both ways give the same rows, so paging never depends on which way was taken.
 */
export async function searchNames(
  index: NameSearchIndex,
  needle: string,
  after: NameCursor | undefined,
  limit: number,
): Promise<NamedRow[]> {
  const start = after ?? FIRST_PAGE;
  const candidates = await index.candidates(needle, NAME_SEARCH_CANDIDATES + 1);
  if (candidates.length > NAME_SEARCH_CANDIDATES) return index.inNameOrder(needle, start, limit);
  return candidates
    .filter((row) => compareNamed(row.public_name, row.id, start) > 0)
    .sort((a, b) => compareNamed(a.public_name, a.id, { name: b.public_name, id: b.id }))
    .slice(0, limit);
}

/**
 * Name then id, by code point: the order of SQLite's BINARY collation and of PostgreSQL's "C"
 * collation, which the walk in name order uses (UTF-8 bytes sort as their code points).
 */
function compareNamed(name: string, id: string, cursor: NameCursor): number {
  return (
    Buffer.compare(Buffer.from(name), Buffer.from(cursor.name)) ||
    Buffer.compare(Buffer.from(id), Buffer.from(cursor.id))
  );
}

/** Characters as a person counts them (code points), which is how the substring indexes count them. */
export const characterCount = (text: string): number => [...text].length;

/** A LIKE pattern matching values that contain `needle` (with `\\` as the escape character). */
export function likeContaining(needle: string): string {
  return `%${needle.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
