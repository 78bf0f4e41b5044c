import { packPublished, rulebookPublished } from './domain/audit/write-drafts.js';
import type { NoteSigner } from './domain/audit/signed-note.js';
import { Catalog } from './domain/catalog/catalog.js';
import { ListRestrictions } from './domain/checks/list-restrictions.js';
import { IDENTIFIER_SCHEMES } from './domain/identifiers/identifier-schemes.js';
import { languagesWithoutMail } from './services/mail-composer.js';
import { LogTiles } from './services/log-tiles.js';
import { packFingerprint } from './pack/pack-fingerprint.js';
import { ProbityError } from './errors.js';
import { checkPack, formatPackProblems } from './pack/load-pack.js';
import type { KeyObject } from 'node:crypto';
import { ApiKeys } from './services/api-keys.js';
import { Attestations } from './services/attestations.js';
import { Assessments } from './services/assessments.js';
import { AuditLog } from './services/audit-log.js';
import { systemClock, ulidFactory, type Clock } from './services/clock.js';
import { Disputes } from './services/disputes.js';
import { ListSweeper } from './services/list-sweeper.js';
import { Notifier, type MailTransport } from './services/notifier.js';
import { PersonalDataReads } from './services/personal-data-reads.js';
import { PortalSessions } from './services/portal-sessions.js';
import { PublicLists } from './services/public-lists.js';
import { PublicLookup } from './services/public-lookup.js';
import { Ratings } from './services/ratings.js';
import { RelyingPartyFeed } from './services/relying-party-feed.js';
import { RecordChanges } from './services/record-changes.js';
import { RecordIngest } from './services/record-ingest.js';
import { ScreeningIndex } from './services/screening-index.js';
import { Screening } from './services/screening.js';
import { Readiness } from './services/readiness.js';
import { Webhooks } from './services/webhooks.js';
import { CheckReplays } from './services/check-replays.js';
import { SubjectData } from './services/subject-data.js';
import { openReplicaReads, openStore } from './store/open-store.js';
import { ratingFollowerInProcess, ratingFollowerThread, type RatingFollower } from './rating-follower.js';
import type { Store, StoreOptions } from './store/store.js';

/** Everything a front end (HTTP, CLI) needs, wired once: the composition root. */
export interface Registry {
  readonly catalog: Catalog;
  readonly store: Store;
  readonly clock: Clock;
  readonly newId: () => string;
  readonly ingest: RecordIngest;
  readonly changes: RecordChanges;
  readonly apiKeys: ApiKeys;
  readonly audit: AuditLog;
  /** The audit log as C2SP tiles (hash tiles and entry bundles). */
  readonly logTiles: LogTiles;
  readonly assessments: Assessments;
  readonly ratings: Ratings;
  /** Keeps ratings following the change feed while a server is up. */
  readonly ratingFollower: RatingFollower;
  readonly screeningIndex: ScreeningIndex;
  /** Whether this node can serve (GET /readyz), answered within 900 ms. */
  readonly readiness: Readiness;
  readonly screening: Screening;
  readonly checkReplays: CheckReplays;
  readonly listSweeper: ListSweeper;
  readonly relyingPartyFeed: RelyingPartyFeed;
  readonly webhooks: Webhooks;
  readonly publicLists: PublicLists;
  readonly sessions: PortalSessions;
  readonly subjectData: SubjectData;
  /** Every read of personal data by someone other than the subject, logged. */
  readonly reads: PersonalDataReads;
  readonly publicLookup: PublicLookup;
  readonly disputes: Disputes;
  /** Sends what events put in the outbox: e-mail and signed webhooks. */
  readonly notifier: Notifier;
  /** Signed reports for subjects; absent without an attestation key. */
  readonly attestations: Attestations | undefined;
  /** The key that signs checkpoints; only a server needs one. */
  readonly signer: NoteSigner | undefined;
  close(): Promise<void>;
}

export interface RegistryOptions {
  readonly db: string;
  readonly pack: string;
  readonly clock?: Clock;
  readonly signer?: NoteSigner | undefined;
  readonly store?: StoreOptions;
  /** Base of links in answers (where a subject contests an entry); the issuer of attestations. */
  readonly publicUrl?: string;
  /** Ed25519 key that signs attestations. */
  readonly attestationKey?: KeyObject | undefined;
  /** Where e-mail goes out (a nodemailer SMTP transport); without it, e-mail waits in the outbox. */
  readonly mail?: MailTransport | undefined;
  readonly mailFrom?: string | undefined;
  /** How long a check may wait for the store before it answers 503 (default 2 s). */
  readonly checkBudgetMs?: number;
  /** A PostgreSQL replica for reads that may lag: public pages, lookups, the relying parties' feed. */
  readonly dbRead?: string | undefined;
  /** The most those reads may lag behind the primary (default 5 s); a replica further behind is not read. */
  readonly dbReadMaxLagMs?: number;
  /**
   * Rate on a thread of its own, with its own store connection (`probity serve`, the demo), so
   * that checks never wait behind rating a bulk load. Default: on the caller's thread.
   */
  readonly ratingsOnThread?: boolean;
}

const DEFAULT_CHECK_BUDGET_MS = 2_000;
const DEFAULT_READ_LAG_MS = 5_000;

/**
 * Loads the pack (refusing an invalid one), opens and migrates the store, logs the
 * pack's publication if it changed, and wires the services.
 */
export async function openRegistry(options: RegistryOptions): Promise<Registry> {
  const catalog = loadCatalog(options.pack);
  const unspoken = languagesWithoutMail(catalog);
  if (unspoken.length > 0)
    throw new ProbityError(
      'invalid_config',
      `the pack speaks ${unspoken.join(', ')}, which Probity has no e-mail messages in`,
    );
  const store = await openStore(options.db, options.store);
  const clock = options.clock ?? systemClock;
  const newId = ulidFactory();
  try {
    // Putting a pack and its rulebooks into use is logged, once per change of content.
    const time = clock.now().toISOString();
    await store.publish(`pack:${catalog.pack.manifest.id}`, packPublished(catalog.pack, time));
    for (const rulebook of catalog.pack.rulebooks)
      await store.publish(`rulebook:${rulebook.code}`, rulebookPublished(rulebook, time));
  } catch (error) {
    await store.close();
    throw error;
  }
  const audit = new AuditLog({ store, clock, signer: options.signer });
  const replica =
    options.dbRead === undefined
      ? undefined
      : openReplicaReads(
          store,
          options.db,
          options.dbRead,
          options.dbReadMaxLagMs ?? DEFAULT_READ_LAG_MS,
          options.store,
        );
  const laggingStore = replica?.store ?? store;
  const assessments = new Assessments({ store, catalog, clock });
  const screeningIndex = new ScreeningIndex({ store, clock });
  const restrictions = new ListRestrictions(catalog.pack);
  const publicUrl = options.publicUrl ?? 'http://localhost:8080';
  const subjectData = new SubjectData({ store, catalog, assessments, clock });
  const changes = new RecordChanges({ store, catalog, clock });
  const disputes = new Disputes({ store, catalog, clock, newId, changes, publicUrl });
  const relyingPartyFeed = new RelyingPartyFeed({ store: laggingStore, catalog, audit, restrictions });
  const ratings = new Ratings({ store, assessments, clock });
  // An in-memory store is this connection's alone: another thread would open an empty one.
  const ratingFollower =
    options.ratingsOnThread && options.db !== 'sqlite::memory:'
      ? ratingFollowerThread({ db: options.db, pack: catalog.pack, store: options.store })
      : ratingFollowerInProcess(ratings);
  const checkBudgetMs = options.checkBudgetMs ?? DEFAULT_CHECK_BUDGET_MS;
  const screening = new Screening({
    store,
    catalog,
    clock,
    audit,
    index: screeningIndex,
    newId,
    restrictions,
    contestUrl: (entryId) => `${publicUrl}/me/lists/${encodeURIComponent(entryId)}`,
    budgetMs: checkBudgetMs,
  });
  const attestations =
    options.attestationKey &&
    new Attestations({ store, clock, newId, subjectData, catalog, key: options.attestationKey, issuer: publicUrl });
  return {
    catalog,
    store,
    clock,
    newId,
    ingest: new RecordIngest({ store, catalog, clock, newId, publicUrl }),
    changes,
    disputes,
    reads: new PersonalDataReads({
      store,
      clock,
      audit,
      assessments,
      changes,
      disputes,
      feed: relyingPartyFeed,
      attestations,
    }),
    notifier: new Notifier({
      store,
      clock,
      mail: options.mail,
      from: options.mailFrom ?? 'Probity <no-reply@probity.localhost>',
    }),
    apiKeys: new ApiKeys({ store, catalog, clock, newId }),
    audit,
    logTiles: new LogTiles({ store }),
    assessments,
    ratings,
    ratingFollower,
    screeningIndex,
    readiness: new Readiness({ store, index: screeningIndex, withinMs: 900 }),
    listSweeper: new ListSweeper({ store, clock }),
    relyingPartyFeed,
    webhooks: new Webhooks({ store, clock }),
    publicLists: new PublicLists({ store: laggingStore, catalog, clock, audit }),
    sessions: new PortalSessions({ store, clock, audit }),
    subjectData,
    publicLookup: new PublicLookup({ store: laggingStore, catalog, subjectData }),
    attestations,
    screening,
    checkReplays: new CheckReplays({ store, clock, audit, screening, budgetMs: checkBudgetMs }),
    signer: options.signer,
    async close() {
      await audit.drain();
      await replica?.close();
      await store.close();
    },
  };
}

/** Opens a registry for one piece of work and closes it afterwards, whatever happens. */
export async function withRegistry<T>(options: RegistryOptions, work: (registry: Registry) => Promise<T>): Promise<T> {
  const registry = await openRegistry(options);
  try {
    return await work(registry);
  } finally {
    await registry.close();
  }
}

/** Catalogs loaded in this process, by the fingerprint of their pack's files. */
const loadedCatalogs = new Map<string, Catalog>();

/**
 * The catalog of a pack folder; an invalid pack is a fatal error listing every problem. A pack
 * whose files are the same as one loaded before gives that catalog again (it is read-only):
 * every registry a test suite or a command opens would otherwise parse and compile it anew.
 */
export function loadCatalog(packDir: string): Catalog {
  const fingerprint = packFingerprint(packDir);
  const loaded = fingerprint && loadedCatalogs.get(fingerprint);
  if (loaded) return loaded;
  const check = checkPack(packDir);
  if (!check.ok) {
    throw new ProbityError(
      'invalid_pack',
      `the jurisdiction pack ${packDir} is invalid:\n${formatPackProblems(check.problems)}`,
    );
  }
  const catalog = new Catalog(check.pack, IDENTIFIER_SCHEMES);
  if (fingerprint) loadedCatalogs.set(fingerprint, catalog);
  return catalog;
}
