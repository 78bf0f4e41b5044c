import type { IndexedEntry } from './screen.js';

/** A subject's open entries as the table gives them back. */
export interface TableSubject {
  readonly subjectId: string;
  readonly entries: readonly IndexedEntry[];
}

const ID_BYTES = 26; // a ULID
const NONE = -1;

/**
 * Open list entries by identifier value, packed into typed arrays: a million entries in
 * about 150 bytes each instead of the ~470 that a map of small objects takes (bench:screen).
 * Each key points at its first slot; a subject's slots are chained through `next`; freed
 * slots are reused. Ids are stored as 26 ASCII bytes (ULIDs); any other id is kept aside.
 */
export class EntryTable {
  private readonly keys = new Map<string, number>();
  private readonly lists: string[] = [];
  private readonly listIndex = new Map<string, number>();
  private readonly oddIds = new Map<number, { entryId: string; subjectId: string }>();
  private capacity = 0;
  private used = 0;
  private free = NONE;
  private activeFrom = new Float64Array(0);
  private until = new Float64Array(0);
  /** NaN while not removed. */
  private removedAt = new Float64Array(0);
  private list = new Uint8Array(0);
  private next = new Int32Array(0);
  private entryIds = new Uint8Array(0);
  private subjectIds = new Uint8Array(0);

  /** How many keys the table holds. */
  get size(): number {
    return this.keys.size;
  }

  get(key: string): TableSubject | undefined {
    let slot = this.keys.get(key);
    if (slot === undefined) return undefined;
    const subjectId = this.idAt(slot, 'subjectId');
    const entries: IndexedEntry[] = [];
    for (; slot !== NONE; slot = this.next[slot]!) {
      const removedAt = this.removedAt[slot]!;
      entries.push({
        id: this.idAt(slot, 'entryId'),
        listCode: this.lists[this.list[slot]!]!,
        activeFrom: this.activeFrom[slot]!,
        until: this.until[slot]!,
        removedAt: Number.isNaN(removedAt) ? null : removedAt,
      });
    }
    return { subjectId, entries };
  }

  /** Replaces what the key holds; no entries removes the key. */
  set(key: string, subjectId: string, entries: readonly IndexedEntry[]): void {
    this.delete(key);
    if (entries.length === 0) return;
    let first = NONE;
    for (let i = entries.length - 1; i >= 0; i--) first = this.put(entries[i]!, subjectId, first);
    this.keys.set(key, first);
  }

  delete(key: string): void {
    const first = this.keys.get(key);
    if (first === undefined) return;
    this.keys.delete(key);
    for (let slot = first; slot !== NONE;) {
      const following: number = this.next[slot]!;
      this.oddIds.delete(slot);
      this.next[slot] = this.free;
      this.free = slot;
      slot = following;
    }
  }

  private put(entry: IndexedEntry, subjectId: string, following: number): number {
    const slot = this.allocate();
    this.activeFrom[slot] = entry.activeFrom;
    this.until[slot] = entry.until;
    this.removedAt[slot] = entry.removedAt ?? NaN;
    this.list[slot] = this.listNumber(entry.listCode);
    this.next[slot] = following;
    if (isPackable(entry.id) && isPackable(subjectId)) {
      writeAscii(this.entryIds, slot * ID_BYTES, entry.id);
      writeAscii(this.subjectIds, slot * ID_BYTES, subjectId);
    } else {
      this.oddIds.set(slot, { entryId: entry.id, subjectId });
    }
    return slot;
  }

  private idAt(slot: number, which: 'entryId' | 'subjectId'): string {
    const odd = this.oddIds.get(slot);
    if (odd) return odd[which];
    const bytes = which === 'entryId' ? this.entryIds : this.subjectIds;
    return String.fromCharCode(...bytes.subarray(slot * ID_BYTES, (slot + 1) * ID_BYTES));
  }

  private listNumber(code: string): number {
    let n = this.listIndex.get(code);
    if (n === undefined) {
      n = this.lists.push(code) - 1;
      if (n > 255) throw new Error('more than 256 lists');
      this.listIndex.set(code, n);
    }
    return n;
  }

  private allocate(): number {
    if (this.free !== NONE) {
      const slot = this.free;
      this.free = this.next[slot]!;
      return slot;
    }
    if (this.used === this.capacity) this.grow();
    return this.used++;
  }

  private grow(): void {
    const capacity = Math.max(1024, this.capacity * 2);
    const copy = <T extends Float64Array | Uint8Array | Int32Array>(from: T, make: (n: number) => T, width = 1): T => {
      const to = make(capacity * width);
      to.set(from);
      return to;
    };
    this.activeFrom = copy(this.activeFrom, (n) => new Float64Array(n));
    this.until = copy(this.until, (n) => new Float64Array(n));
    this.removedAt = copy(this.removedAt, (n) => new Float64Array(n));
    this.list = copy(this.list, (n) => new Uint8Array(n));
    this.next = copy(this.next, (n) => new Int32Array(n));
    this.entryIds = copy(this.entryIds, (n) => new Uint8Array(n), ID_BYTES);
    this.subjectIds = copy(this.subjectIds, (n) => new Uint8Array(n), ID_BYTES);
    this.capacity = capacity;
  }
}

const isPackable = (id: string): boolean => id.length === ID_BYTES && /^[\x21-\x7e]+$/.test(id);

function writeAscii(bytes: Uint8Array, at: number, text: string): void {
  for (let i = 0; i < text.length; i++) bytes[at + i] = text.charCodeAt(i);
}
