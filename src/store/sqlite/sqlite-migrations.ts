import type { Migration } from '../migration.js';

/**
 * SQLite schema, one entry per version; applied in order, never edited once released.
 * Subject-owned tables lead with subject_id, mirroring the PostgreSQL schema (design.md, Citus).
 */
export const SQLITE_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'registry core',
    sql: `
      CREATE TABLE subjects (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        created_at TEXT NOT NULL
      ) WITHOUT ROWID;
      CREATE TABLE subject_identifiers (
        scheme TEXT NOT NULL,
        value TEXT NOT NULL,
        subject_id TEXT NOT NULL,
        created_at TEXT NOT NULL,
        PRIMARY KEY (scheme, value)
      ) WITHOUT ROWID;
      CREATE INDEX subject_identifiers_subject ON subject_identifiers (subject_id);
      CREATE TABLE records (
        subject_id TEXT NOT NULL,
        id TEXT NOT NULL,
        institution TEXT NOT NULL,
        source_ref TEXT NOT NULL,
        type TEXT NOT NULL,
        body_hash TEXT NOT NULL,
        recorded_at TEXT NOT NULL,
        PRIMARY KEY (subject_id, id)
      ) WITHOUT ROWID;
      CREATE UNIQUE INDEX records_source_ref ON records (institution, source_ref);
      CREATE INDEX records_id ON records (id);
      CREATE TABLE record_versions (
        subject_id TEXT NOT NULL,
        record_id TEXT NOT NULL,
        version INTEGER NOT NULL,
        action TEXT NOT NULL,
        effective_at TEXT NOT NULL,
        recorded_at TEXT NOT NULL,
        payload TEXT NOT NULL,
        reason TEXT,
        subject_name TEXT,
        PRIMARY KEY (subject_id, record_id, version)
      ) WITHOUT ROWID;
      CREATE TABLE change_feed (
        seq INTEGER PRIMARY KEY,
        type TEXT NOT NULL,
        subject_id TEXT NOT NULL,
        record_id TEXT,
        recorded_at TEXT NOT NULL
      );
      CREATE TABLE api_keys (
        id TEXT PRIMARY KEY,
        secret_hash TEXT NOT NULL UNIQUE,
        role TEXT NOT NULL,
        principal TEXT NOT NULL,
        created_at TEXT NOT NULL
      );
    `,
  },
  {
    version: 2,
    name: 'audit log',
    sql: `
      -- seq is the entry's leaf index in the Merkle tree; entry is its canonical JSON;
      -- leaf_hash its RFC 6962 leaf hash (the level-0 node), kept in the same row.
      CREATE TABLE audit_entries (
        seq INTEGER PRIMARY KEY,
        subject_id TEXT,
        entry TEXT NOT NULL,
        leaf_hash BLOB NOT NULL
      );
      CREATE INDEX audit_entries_subject ON audit_entries (subject_id, seq) WHERE subject_id IS NOT NULL;
      -- Interior perfect Merkle subtrees at every third level (3, 6, 9, …) by node id
      -- (level * 2^40 + index); with the leaf hashes, proofs read O(log n) of them.
      CREATE TABLE audit_nodes (
        id INTEGER PRIMARY KEY,
        hash BLOB NOT NULL
      );
      CREATE TABLE audit_checkpoints (
        size INTEGER PRIMARY KEY,
        note TEXT NOT NULL,
        created_at TEXT NOT NULL
      );
      -- What was put into use and when: a pack, a rulebook. series names the thing
      -- (pack:cn-demo, rulebook:persons); a new entry only when its content hash changes.
      CREATE TABLE publications (
        seq INTEGER PRIMARY KEY,
        series TEXT NOT NULL,
        object_hash TEXT NOT NULL
      );
      CREATE INDEX publications_series ON publications (series, seq);
    `,
  },
  {
    version: 3,
    name: 'materialised ratings',
    sql: `
      -- Each subject's current rating; feed_seq is the feed position its records reflect.
      CREATE TABLE ratings (
        subject_id TEXT PRIMARY KEY,
        rulebook_id TEXT NOT NULL,
        score INTEGER NOT NULL,
        band TEXT NOT NULL,
        assessed_at TEXT NOT NULL,
        feed_seq INTEGER NOT NULL
      ) WITHOUT ROWID;
      -- How far the rating follower has read the change feed.
      CREATE TABLE rating_cursor (
        singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
        feed_seq INTEGER NOT NULL
      );
      INSERT INTO rating_cursor (singleton, feed_seq) VALUES (1, 0);
      -- Event details as JSON (a band change: from, to, score, rulebookId).
      ALTER TABLE change_feed ADD COLUMN detail TEXT;
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
        subject_id TEXT NOT NULL,
        id TEXT NOT NULL,
        list_code TEXT NOT NULL,
        basis_record_id TEXT NOT NULL,
        listed_at TEXT NOT NULL,
        active_from TEXT NOT NULL,
        until TEXT NOT NULL,
        match_key TEXT,
        recorded_at TEXT NOT NULL,
        removed_at TEXT,
        removed_by TEXT,
        removal_recorded_at TEXT,
        PRIMARY KEY (subject_id, id)
      ) WITHOUT ROWID;
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
      ALTER TABLE list_entries ADD COLUMN activation_announced_at TEXT;
      ALTER TABLE list_entries ADD COLUMN expiry_announced_at TEXT;
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
      ALTER TABLE list_entries ADD COLUMN subject_name TEXT;
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
        created_at TEXT NOT NULL,
        expires_at TEXT NOT NULL
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
        issued_at TEXT NOT NULL,
        expires_at TEXT NOT NULL,
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
      CREATE INDEX subjects_public_name ON subjects (public_name) WHERE public_name IS NOT NULL;
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
        suspends INTEGER NOT NULL,
        filed_at TEXT NOT NULL,
        deadline TEXT NOT NULL,
        answer TEXT,
        decision TEXT,
        decided_at TEXT,
        -- When the sweeper announced that the deadline passed without a decision (notices only).
        lapse_announced_at TEXT,
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
        added_at TEXT NOT NULL,
        content BLOB NOT NULL,
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
        created_at TEXT NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at TEXT NOT NULL,
        delivered_at TEXT,
        dead_at TEXT,
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
        updated_at TEXT NOT NULL,
        PRIMARY KEY (scheme, value)
      );
      -- A relying party's webhook for corrections; the secret signs each delivery (HMAC-SHA256).
      CREATE TABLE webhooks (
        relying_party TEXT PRIMARY KEY,
        url TEXT NOT NULL,
        secret TEXT NOT NULL,
        created_at TEXT NOT NULL
      );
    `,
  },
  {
    version: 12,
    name: 'api key lifecycle',
    sql: `
      -- A key stops at expires_at (null: never) or once revoked_at is set; rotation sets the old
      -- key's expires_at to the end of the overlap. last_used_at is written at most once a minute
      -- per key and server, never once per request.
      ALTER TABLE api_keys ADD COLUMN expires_at TEXT;
      ALTER TABLE api_keys ADD COLUMN revoked_at TEXT;
      ALTER TABLE api_keys ADD COLUMN last_used_at TEXT;
    `,
  },
  {
    version: 13,
    name: 'check replays',
    sql: `
      -- Checks sent with an Idempotency-Key (check-replay-store.ts): a retry gets the answer kept
      -- here instead of a second check. Tags, not the key or the request; purged after a day.
      CREATE TABLE check_replays (
        relying_party TEXT NOT NULL,
        key_tag TEXT NOT NULL,
        request_tag TEXT NOT NULL,
        claimed_at TEXT NOT NULL,
        answer TEXT,
        PRIMARY KEY (relying_party, key_tag)
      );
      CREATE INDEX check_replays_claimed_at ON check_replays (claimed_at);
    `,
  },
  {
    version: 14,
    name: 'list transitions due by the entry rule',
    sql: `
      -- A removal takes effect when its record says (src/store/entry-in-force.ts): an entry whose
      -- removal is dated after its notice or its term ended still made that transition, and the
      -- sweeper announces it. Each index holds exactly the entries its sweep may still announce.
      DROP INDEX list_entries_activation_unannounced;
      DROP INDEX list_entries_expiry_unannounced;
      CREATE INDEX list_entries_activation_due ON list_entries (active_from)
        WHERE activation_announced_at IS NULL AND active_from > listed_at
          AND (removed_at IS NULL OR removed_at > active_from);
      CREATE INDEX list_entries_expiry_due ON list_entries (until)
        WHERE expiry_announced_at IS NULL AND (removed_at IS NULL OR removed_at > until);
    `,
  },
  {
    version: 15,
    name: 'public names searched anywhere',
    sql: `
      -- Public names found by any part (src/store/name-search.ts). FTS5's trigram tokenizer
      -- answers a needle of three or more characters; a two-character needle (航瑞) has no
      -- trigram, so \`bigrams\` holds each pair of adjacent characters followed by char(1),
      -- which no name contains: the needle ab is the trigram "ab" || char(1). Names are only
      -- ever inserted, so one trigger keeps the index whole.
      CREATE VIRTUAL TABLE subject_name_search USING fts5(
        name, bigrams, subject_id UNINDEXED, tokenize = 'trigram'
      );
      CREATE TRIGGER subjects_public_name_search AFTER INSERT ON subjects
      WHEN new.public_name IS NOT NULL BEGIN
        INSERT INTO subject_name_search (name, bigrams, subject_id) VALUES (
          new.public_name,
          (WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < length(new.public_name) - 1)
            SELECT group_concat(substr(new.public_name, i, 2) || char(1), '') FROM k),
          new.id
        );
      END;
      INSERT INTO subject_name_search (name, bigrams, subject_id)
        SELECT public_name,
          (WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < length(public_name) - 1)
            SELECT group_concat(substr(public_name, i, 2) || char(1), '') FROM k),
          id
        FROM subjects WHERE public_name IS NOT NULL;
    `,
  },
];
