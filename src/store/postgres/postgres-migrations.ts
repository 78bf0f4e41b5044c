import type { Migration } from '../migration.js';

/**
 * PostgreSQL schema, one entry per version; applied in order, never edited once released.
 * Every subject-owned table leads with subject_id so that a Citus deployment can
 * distribute it on that column (design.md, "Stores"); the feed and catalog-like
 * tables are small and would be reference tables.
 */
export const POSTGRES_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'registry core',
    sql: `
      CREATE TABLE subjects (
        id text PRIMARY KEY,
        kind text NOT NULL,
        created_at timestamptz NOT NULL
      );
      CREATE TABLE subject_identifiers (
        scheme text NOT NULL,
        value text NOT NULL,
        subject_id text NOT NULL,
        created_at timestamptz NOT NULL,
        PRIMARY KEY (scheme, value)
      );
      CREATE INDEX subject_identifiers_subject ON subject_identifiers (subject_id);
      CREATE TABLE records (
        subject_id text NOT NULL,
        id text NOT NULL,
        institution text NOT NULL,
        source_ref text NOT NULL,
        type text NOT NULL,
        body_hash text NOT NULL,
        recorded_at timestamptz NOT NULL,
        PRIMARY KEY (subject_id, id)
      );
      CREATE UNIQUE INDEX records_source_ref ON records (institution, source_ref);
      CREATE INDEX records_id ON records (id);
      CREATE TABLE record_versions (
        subject_id text NOT NULL,
        record_id text NOT NULL,
        version integer NOT NULL,
        action text NOT NULL,
        effective_at timestamptz NOT NULL,
        recorded_at timestamptz NOT NULL,
        payload jsonb NOT NULL,
        reason text,
        subject_name text,
        PRIMARY KEY (subject_id, record_id, version)
      );
      CREATE TABLE change_feed (
        seq bigint PRIMARY KEY,
        type text NOT NULL,
        subject_id text NOT NULL,
        record_id text,
        recorded_at timestamptz NOT NULL
      );
      -- One row holding the last feed sequence. Taking its row lock to allocate numbers
      -- makes the feed gap-free (a sequence would leave gaps on rollback) and committed in order.
      CREATE TABLE feed_head (
        singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
        last_seq bigint NOT NULL
      );
      INSERT INTO feed_head (last_seq) VALUES (0);
      CREATE TABLE api_keys (
        id text PRIMARY KEY,
        secret_hash text NOT NULL UNIQUE,
        role text NOT NULL,
        principal text NOT NULL,
        created_at timestamptz NOT NULL
      );
    `,
  },
  {
    version: 2,
    name: 'audit log',
    sql: `
      -- seq is the entry's leaf index in the Merkle tree; entry keeps its exact canonical JSON
      -- (text, not jsonb); leaf_hash its RFC 6962 leaf hash (the level-0 node).
      CREATE TABLE audit_entries (
        seq bigint PRIMARY KEY,
        subject_id text,
        entry text NOT NULL,
        leaf_hash bytea NOT NULL
      );
      CREATE INDEX audit_entries_subject ON audit_entries (subject_id, seq) WHERE subject_id IS NOT NULL;
      -- Interior perfect Merkle subtrees at every third level (3, 6, 9, …) by node id
      -- (level * 2^40 + index); with the leaf hashes, proofs read O(log n) of them.
      CREATE TABLE audit_nodes (
        id bigint PRIMARY KEY,
        hash bytea NOT NULL
      );
      CREATE TABLE audit_checkpoints (
        size bigint PRIMARY KEY,
        note text NOT NULL,
        created_at timestamptz NOT NULL
      );
      -- What was put into use and when: a pack, a rulebook. series names the thing
      -- (pack:cn-demo, rulebook:persons); a new entry only when its content hash changes.
      CREATE TABLE publications (
        seq bigint PRIMARY KEY,
        series text NOT NULL,
        object_hash text NOT NULL
      );
      CREATE INDEX publications_series ON publications (series, seq);
      -- The log's size; its row lock serialises appends, as feed_head does for the feed.
      -- Writers that append to both take feed_head first.
      CREATE TABLE audit_head (
        singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
        size bigint NOT NULL
      );
      INSERT INTO audit_head (size) VALUES (0);
    `,
  },
  {
    version: 3,
    name: 'materialised ratings',
    sql: `
      -- Each subject's current rating; feed_seq is the feed position its records reflect.
      CREATE TABLE ratings (
        subject_id text PRIMARY KEY,
        rulebook_id text NOT NULL,
        score integer NOT NULL,
        band text NOT NULL,
        assessed_at timestamptz NOT NULL,
        feed_seq bigint NOT NULL
      );
      -- How far the rating follower has read the change feed; its row lock serialises followers.
      CREATE TABLE rating_cursor (
        singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
        feed_seq bigint NOT NULL
      );
      INSERT INTO rating_cursor (feed_seq) VALUES (0);
      -- Event details (a band change: from, to, score, rulebookId).
      ALTER TABLE change_feed ADD COLUMN detail jsonb;
    `,
  },
  {
    version: 4,
    name: 'list entries',
    sql: `
      -- One subject on one list from one basis record; its state follows from these times.
      -- removed_at is when a removing record took effect (listed_at for a withdrawn basis),
      -- removal_recorded_at when Probity learnt it (for views as known at a time).
      CREATE TABLE list_entries (
        subject_id text NOT NULL,
        id text NOT NULL,
        list_code text NOT NULL,
        basis_record_id text NOT NULL,
        listed_at timestamptz NOT NULL,
        active_from timestamptz NOT NULL,
        until timestamptz NOT NULL,
        match_key text,
        recorded_at timestamptz NOT NULL,
        removed_at timestamptz,
        removed_by text,
        removal_recorded_at timestamptz,
        PRIMARY KEY (subject_id, id)
      );
      CREATE INDEX list_entries_open ON list_entries (subject_id, list_code) WHERE removed_at IS NULL;
      CREATE INDEX list_entries_basis ON list_entries (basis_record_id);
      CREATE INDEX list_entries_removed_by ON list_entries (removed_by) WHERE removed_by IS NOT NULL;
    `,
  },
  {
    version: 5,
    name: 'list transitions announced',
    sql: `
      -- When the sweeper put the transitions that time causes (notice over, term over) on the
      -- feed and in the log; the entry's state never depends on these, only the announcements do.
      ALTER TABLE list_entries ADD COLUMN activation_announced_at timestamptz;
      ALTER TABLE list_entries ADD COLUMN expiry_announced_at timestamptz;
      CREATE INDEX list_entries_expiry_unannounced ON list_entries (until) WHERE removed_at IS NULL AND expiry_announced_at IS NULL;
      CREATE INDEX list_entries_activation_unannounced ON list_entries (active_from)
        WHERE removed_at IS NULL AND activation_announced_at IS NULL AND active_from > listed_at;
    `,
  },
  {
    version: 6,
    name: 'list entry names',
    sql: `
      -- The subject's name as the basis record gives it, for searching a published list by
      -- name (the real court list is searched that way) without an index over every record.
      ALTER TABLE list_entries ADD COLUMN subject_name text;
      CREATE INDEX list_entries_name ON list_entries (list_code, subject_name) WHERE subject_name IS NOT NULL;
    `,
  },
  {
    version: 7,
    name: 'portal sessions',
    sql: `
      -- Server-side sessions of the subject portal, keyed by the SHA-256 of the cookie value.
      CREATE TABLE sessions (
        id_hash TEXT PRIMARY KEY,
        identities TEXT NOT NULL,
        roles TEXT NOT NULL,
        -- Staff only: the provider's stable id for them, and the institution they work for.
        staff_id TEXT,
        institution TEXT,
        name TEXT,
        created_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL
      );
      CREATE INDEX sessions_expiry ON sessions (expires_at);
    `,
  },
  {
    version: 8,
    name: 'attestations',
    sql: `
      -- Signed reports a subject issued about themselves (compact JWS), kept so that the QR code
      -- on the printed page can carry a short verification link instead of the whole token.
      CREATE TABLE attestations (
        subject_id TEXT NOT NULL,
        id TEXT NOT NULL,
        disclosure TEXT NOT NULL,
        token TEXT NOT NULL,
        issued_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        PRIMARY KEY (subject_id, id)
      );
      CREATE INDEX attestations_id ON attestations (id);
    `,
  },
  {
    version: 9,
    name: 'public names',
    sql: `
      -- The name an organization or government body is registered under, for the public lookup
      -- (as Credit China searches by name). Persons' names are never kept here: never public.
      ALTER TABLE subjects ADD COLUMN public_name TEXT;
      CREATE INDEX subjects_public_name ON subjects (public_name text_pattern_ops) WHERE public_name IS NOT NULL;
    `,
  },
  {
    version: 10,
    name: 'disputes',
    sql: `
      -- A subject's challenge to a record or a list entry. Its state (open, answered, lapsed,
      -- decided) follows from these times; answer and decision are JSON once given.
      CREATE TABLE disputes (
        subject_id TEXT NOT NULL,
        id TEXT NOT NULL,
        target_kind TEXT NOT NULL,
        record_id TEXT NOT NULL,
        entry_id TEXT,
        institution TEXT NOT NULL,
        grounds TEXT NOT NULL,
        statement TEXT,
        suspends boolean NOT NULL,
        filed_at timestamptz NOT NULL,
        deadline timestamptz NOT NULL,
        answer TEXT,
        decision TEXT,
        decided_at timestamptz,
        -- When the sweeper announced that the deadline passed without a decision (notices only).
        lapse_announced_at timestamptz,
        PRIMARY KEY (subject_id, id)
      );
      CREATE INDEX disputes_id ON disputes (id);
      CREATE INDEX disputes_undecided ON disputes (institution, deadline) WHERE decided_at IS NULL;
      CREATE INDEX disputes_lapse_unannounced ON disputes (deadline) WHERE decided_at IS NULL AND lapse_announced_at IS NULL;
      -- Files a subject adds to a dispute: PDF or image, type checked by content, kept with their SHA-256.
      CREATE TABLE dispute_evidence (
        subject_id TEXT NOT NULL,
        id TEXT NOT NULL,
        dispute_id TEXT NOT NULL,
        media_type TEXT NOT NULL,
        size INTEGER NOT NULL,
        sha256 TEXT NOT NULL,
        added_at timestamptz NOT NULL,
        content bytea NOT NULL,
        PRIMARY KEY (subject_id, id)
      );
      CREATE INDEX dispute_evidence_dispute ON dispute_evidence (dispute_id);
    `,
  },
  {
    version: 11,
    name: 'notifications',
    sql: `
      -- Messages to send (e-mail, signed webhooks), written in the transaction of the event they
      -- tell of, and sent by a worker with retries; dead_at once it gave up.
      CREATE TABLE outbox (
        id TEXT PRIMARY KEY,
        channel TEXT NOT NULL,
        recipient TEXT NOT NULL,
        topic TEXT NOT NULL,
        payload TEXT NOT NULL,
        created_at timestamptz NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL,
        delivered_at timestamptz,
        dead_at timestamptz,
        last_error TEXT
      );
      CREATE INDEX outbox_due ON outbox (next_attempt_at) WHERE delivered_at IS NULL AND dead_at IS NULL;
      -- Where to reach the subject an identifier names: the e-mail address the identity provider
      -- asserted when its person signed in (kept by identifier: a person may sign in before
      -- any record about them exists).
      CREATE TABLE contacts (
        scheme TEXT NOT NULL,
        value TEXT NOT NULL,
        email TEXT NOT NULL,
        updated_at timestamptz NOT NULL,
        PRIMARY KEY (scheme, value)
      );
      -- A relying party's webhook for corrections; the secret signs each delivery (HMAC-SHA256).
      CREATE TABLE webhooks (
        relying_party TEXT PRIMARY KEY,
        url TEXT NOT NULL,
        secret TEXT NOT NULL,
        created_at timestamptz NOT NULL
      );
    `,
  },
  {
    version: 12,
    name: 'api key lifecycle',
    sql: `
      -- The key's life, as in the SQLite migration 12 (which says what each column means).
      ALTER TABLE api_keys ADD COLUMN expires_at timestamptz, ADD COLUMN revoked_at timestamptz, ADD COLUMN last_used_at timestamptz;
    `,
  },
  {
    version: 13,
    name: 'partitioned records and log',
    sql: `
      -- Declarative partitioning, so that old rows leave as whole tables (retention, archiving)
      -- and vacuum freezes a partition once it is no longer written (docs/scale.md, "Partitioning").
      -- records and record_versions by record id: ULIDs start with their creation time, so a
      -- range of ids is a year (RECORD_PARTITION_MONTHS); audit_entries by seq, 100,000,000
      -- entries a range (AUDIT_PARTITION_SIZE). Each table as it was becomes the initial
      -- partition, up to the end of this year or of the log's current range: ATTACH checks the
      -- bound with one scan and rewrites nothing, and its indexes become partitions of the new ones.
      -- postgres-partitions.ts makes the later partitions ahead of time; DEFAULT catches any row
      -- no partition covers (an id that is not a ULID), so that no write ever fails for want of one.
      ALTER TABLE records RENAME TO records_initial;
      ALTER INDEX records_pkey RENAME TO records_initial_pkey;
      ALTER INDEX records_id RENAME TO records_initial_id;
      -- A unique index of a partitioned table must contain its partition key: the idempotency
      -- key (institution, source_ref) moves to a table of its own, written with each record.
      CREATE TABLE record_sources (
        institution text NOT NULL,
        source_ref text NOT NULL,
        subject_id text NOT NULL,
        record_id text NOT NULL,
        PRIMARY KEY (institution, source_ref)
      );
      INSERT INTO record_sources (institution, source_ref, subject_id, record_id)
        SELECT institution, source_ref, subject_id, id FROM records_initial;
      DROP INDEX records_source_ref;
      CREATE TABLE records (LIKE records_initial) PARTITION BY RANGE (id);
      ALTER TABLE records ADD PRIMARY KEY (subject_id, id);
      CREATE INDEX records_id ON records (id);

      ALTER TABLE record_versions RENAME TO record_versions_initial;
      ALTER INDEX record_versions_pkey RENAME TO record_versions_initial_pkey;
      CREATE TABLE record_versions (LIKE record_versions_initial) PARTITION BY RANGE (record_id);
      ALTER TABLE record_versions ADD PRIMARY KEY (subject_id, record_id, version);

      ALTER TABLE audit_entries RENAME TO audit_entries_initial;
      ALTER INDEX audit_entries_pkey RENAME TO audit_entries_initial_pkey;
      ALTER INDEX audit_entries_subject RENAME TO audit_entries_initial_subject;
      CREATE TABLE audit_entries (LIKE audit_entries_initial) PARTITION BY RANGE (seq);
      ALTER TABLE audit_entries ADD PRIMARY KEY (seq);
      CREATE INDEX audit_entries_subject ON audit_entries (subject_id, seq) WHERE subject_id IS NOT NULL;

      DO $$
      DECLARE
        -- The first instant of next year (UTC), and its ULID time prefix: 10 Crockford
        -- base-32 digits of the Unix time in milliseconds, as ulidTimePrefix writes it.
        next_year timestamp := date_trunc('year', now() AT TIME ZONE 'UTC') + interval '1 year';
        ms bigint := (extract(epoch FROM next_year) * 1000)::bigint;
        year_prefix text := '';
        log_range_end bigint := ((SELECT size FROM audit_head) / 100000000 + 1) * 100000000;
      BEGIN
        FOR i IN 1..10 LOOP
          year_prefix := substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', (ms % 32)::int + 1, 1) || year_prefix;
          ms := ms / 32;
        END LOOP;
        EXECUTE format('ALTER TABLE records ATTACH PARTITION records_initial FOR VALUES FROM (MINVALUE) TO (%L)', year_prefix);
        EXECUTE format('ALTER TABLE record_versions ATTACH PARTITION record_versions_initial FOR VALUES FROM (MINVALUE) TO (%L)', year_prefix);
        EXECUTE format('ALTER TABLE audit_entries ATTACH PARTITION audit_entries_initial FOR VALUES FROM (MINVALUE) TO (%s)', log_range_end);
      END $$;
      CREATE TABLE records_default PARTITION OF records DEFAULT;
      CREATE TABLE record_versions_default PARTITION OF record_versions DEFAULT;
      CREATE TABLE audit_entries_default PARTITION OF audit_entries DEFAULT;
    `,
  },
  {
    version: 14,
    name: 'check replays',
    sql: `
      -- As in the SQLite migration 13 (which says what it is for).
      CREATE TABLE check_replays (
        relying_party text NOT NULL,
        key_tag text NOT NULL,
        request_tag text NOT NULL,
        claimed_at timestamptz NOT NULL,
        answer text,
        PRIMARY KEY (relying_party, key_tag)
      );
      CREATE INDEX check_replays_claimed_at ON check_replays (claimed_at);
    `,
  },
  {
    version: 15,
    name: 'list entries by the entry rule',
    sql: `
      -- As in the SQLite migration 14 (which says what the sweeper's indexes are for). The open
      -- listings scan (the screening index's load) tests removed_at against the time asked
      -- about, which no partial index can state: it reads every entry's times in subject order
      -- from this index alone instead (an index-only scan), where it read the open entries'
      -- rows before.
      DROP INDEX list_entries_activation_unannounced;
      DROP INDEX list_entries_expiry_unannounced;
      CREATE INDEX list_entries_activation_due ON list_entries (active_from)
        WHERE activation_announced_at IS NULL AND active_from > listed_at
          AND (removed_at IS NULL OR removed_at > active_from);
      CREATE INDEX list_entries_expiry_due ON list_entries (until)
        WHERE expiry_announced_at IS NULL AND (removed_at IS NULL OR removed_at > until);
      CREATE INDEX list_entries_open_scan ON list_entries (subject_id) INCLUDE (until, removed_at);
    `,
  },
  {
    version: 16,
    name: 'public names searched anywhere',
    sql: `
      -- Public names found by any part (src/store/name-search.ts), as the SQLite migration 15.
      -- pg_trgm (trusted, so the database owner may create it) answers ILIKE '%needle%' for a
      -- needle of three or more characters; a two-character needle (航瑞) has no trigram, so a
      -- second GIN index holds each name's pairs of adjacent characters. The ordered index is
      -- walked when a needle is common; "C" orders by code point, as SQLite does.
      CREATE EXTENSION IF NOT EXISTS pg_trgm;
      CREATE INDEX subjects_public_name_trigrams ON subjects USING gin (public_name gin_trgm_ops)
        WHERE public_name IS NOT NULL;
      CREATE FUNCTION public_name_bigrams(name text) RETURNS text[]
        LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
        AS $$ SELECT array(SELECT DISTINCT lower(substr(name, i, 2)) FROM generate_series(1, length(name) - 1) AS i) $$;
      CREATE INDEX subjects_public_name_bigrams ON subjects USING gin (public_name_bigrams(public_name))
        WHERE public_name IS NOT NULL;
      DROP INDEX subjects_public_name;
      CREATE INDEX subjects_public_name ON subjects ((public_name COLLATE "C"), id) WHERE public_name IS NOT NULL;
    `,
  },
];
