import type { ListEntry } from '../domain/lists/list-entry.js';
import type { EntryWithName, SubjectListings } from './store.js';

/** List entries: a subject's, those in force, and the transitions time causes. Each method is one transaction. */
export interface ListStore {
  /** Every list entry of a subject, whatever its state, oldest listing first. */
  listEntries(subjectId: string): Promise<ListEntry[]>;
  /**
   * Subjects with entries open at `at` (not removed, term not over), after `after` in id order: how
   * the screening index is built.
   */
  openListingsPage(page: {
    readonly after?: string | undefined;
    readonly at: string;
    readonly limit: number;
  }): Promise<SubjectListings[]>;
  /**
   * Entries of a list in force at `at` (notice over, term not over, not removed) of one
   * subject or of subjects whose name contains `nameContains` (case-insensitive), at most
   * `limit`, in name order: the published list's view.
   */
  entriesInForce(
    listCode: string,
    search: { readonly subjectId: string } | { readonly nameContains: string },
    at: string,
    limit: number,
  ): Promise<EntryWithName[]>;
  /** How many entries of a list are in force at `at` (as `entriesInForce` counts them): what the published list holds. */
  countInForce(listCode: string, at: string): Promise<number>;
  /**
   * Announces, once each, the transitions that time has caused by `at` (a notice period
   * over: activated; a term over: expired) with feed events and audit entries, at most
   * `limit` entries per call; resolves with how many were announced. Safe to run on
   * several nodes at once.
   */
  announceListTransitions(at: string, limit: number): Promise<number>;
  /**
   * The given subjects with their identifiers and entries: those open at `openAt`, or all
   * of them without it. Each subject is returned even with no entry (so the index can drop it).
   */
  listingsOf(subjectIds: readonly string[], openAt?: string): Promise<SubjectListings[]>;
}
