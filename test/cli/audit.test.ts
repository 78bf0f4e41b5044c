import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NoteSigner } from '../../src/domain/audit/signed-note.js';
import { buildServer } from '../../src/http/server.js';
import { openRegistry, withRegistry } from '../../src/registry.js';
import { validSubmission } from '../support/catalog.js';
import { runCli } from '../support/cli.js';
import { DEMO_PACK } from '../support/pack-fixture.js';
import { openRawDb } from '../support/raw-sql.js';
import { STORE_KINDS, freshStoreUrl, type StoreKind } from '../support/stores.js';
import { TEST_LOG_KEY } from '../support/test-server.js';
import { testTempDir } from '../support/temp-dir.js';

const dir = testTempDir('probity-audit-');
const VKEY = TEST_LOG_KEY.verifier().encode();

describe('probity audit keygen', () => {
  it('writes the private key with mode 0600 and prints its verifier key', async () => {
    const out = join(dir, 'keys', 'log.key');
    const result = await runCli(['audit', 'keygen', '--out', out, '--origin', 'registry.example/log']);
    expect(result.code).toBe(0);
    expect(statSync(out).mode & 0o777).toBe(0o600);
    const signer = NoteSigner.decode(readFileSync(out, 'utf8'));
    expect(signer.name).toBe('registry.example/log');
    expect(result.stdout.trim()).toBe(signer.verifier().encode());
  });

  it('never overwrites an existing key', async () => {
    const out = join(dir, 'kept.key');
    await runCli(['audit', 'keygen', '--out', out]);
    const before = readFileSync(out, 'utf8');
    const again = await runCli(['audit', 'keygen', '--out', out]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('already exists');
    expect(readFileSync(out, 'utf8')).toBe(before);
  });

  it('is required by probity serve', async () => {
    const result = await runCli([
      'serve',
      '--db',
      'sqlite::memory:',
      '--port',
      '0',
      '--audit-key',
      join(dir, 'none.key'),
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('probity audit keygen --out');
  });
});

describe('probity keys issue --auditor', () => {
  it('issues a staff key that reads the audit entries, and refuses a name that is not a plain token', async () => {
    const db = `sqlite:${join(dir, 'keys.db')}`;
    const issued = await runCli(['keys', 'issue', '--auditor', 'auditor.li', '--db', db]);
    expect(issued.code).toBe(0);
    const secret = issued.stdout.trim();
    const key = await withRegistry({ db, pack: DEMO_PACK }, (registry) => registry.apiKeys.authenticate(secret));
    expect(key).toMatchObject({ role: 'auditor', principal: 'auditor.li' });
    const refused = await runCli(['keys', 'issue', '--auditor', 'Li Wei <li@x>', '--db', db]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('a staff name is 1 to 64 letters');
  });
});

/** A log with records, a checkpoint saved by an auditor half way, and one saved at the end. */
async function auditedLog(kind: StoreKind): Promise<{ db: string; older: string; latest: string; size: number }> {
  const db = await freshStoreUrl(kind);
  return withRegistry({ db, pack: DEMO_PACK, signer: TEST_LOG_KEY }, async (registry) => {
    const submit = (from: number, to: number) =>
      registry.ingest.ingest(
        Array.from({ length: to - from }, (_, i) => ({
          index: i,
          institution: 'sh-pudong-court',
          raw: validSubmission({
            sourceRef: `case-${from + i}`,
            subject: { scheme: 'CN-RIC', value: '11010519491231002X' },
          }),
        })),
      );
    await submit(0, 10);
    const older = join(mkdtempSync(join(dir, 'cp-')), 'older.checkpoint');
    writeFileSync(older, (await registry.audit.publishCheckpoint()).note);
    await submit(10, 20);
    const latest = join(dirnameOf(older), 'latest.checkpoint');
    const head = await registry.audit.publishCheckpoint();
    writeFileSync(latest, head.note);
    return { db, older, latest, size: head.size };
  });
}

const dirnameOf = (file: string) => file.slice(0, file.lastIndexOf('/'));

const verify = (db: string, ...extra: string[]) => runCli(['audit', 'verify', '--db', db, '--key', VKEY, ...extra]);

describe.each(STORE_KINDS)('probity audit verify on %s', (kind) => {
  it('exits 0 when every entry, checkpoint and saved checkpoint verifies', async () => {
    const log = await auditedLog(kind);
    const result = await verify(log.db, '--checkpoint', log.older, '--checkpoint', log.latest);
    expect(result.stdout).toContain(`OK: all ${log.size} entries verify`);
    expect(result.code).toBe(0);
  });

  it('names the index of an entry edited in the database', async () => {
    const log = await auditedLog(kind);
    const raw = await openRawDb(log.db);
    await raw.query(
      `UPDATE audit_entries SET entry = replace(entry, '"record.accepted"', '"record.withdrawn"') WHERE seq = 5`,
    );
    await raw.close();
    const result = await verify(log.db, '--checkpoint', log.older);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('index 5: entry 5 does not match the leaf hash stored when it was appended');
    expect(result.stdout).toContain('first bad index 5');
  });

  it('names the first missing index when the last entries and their checkpoints are deleted', async () => {
    const log = await auditedLog(kind);
    const raw = await openRawDb(log.db);
    const cut = log.size - 3;
    await raw.query('DELETE FROM audit_entries WHERE seq >= $1', [cut]);
    await raw.query('DELETE FROM audit_checkpoints WHERE size > $1', [cut]);
    if (kind === 'postgres') await raw.query('UPDATE audit_head SET size = $1', [cut]);
    await raw.close();
    const result = await verify(log.db, '--checkpoint', log.latest);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(`entries from ${cut} on are missing`);
    expect(result.stdout).toContain(`first bad index ${cut}`);
  });

  it('names the index where two entries were swapped', async () => {
    const log = await auditedLog(kind);
    const raw = await openRawDb(log.db);
    const rows = await raw.query('SELECT seq, entry FROM audit_entries WHERE seq IN (3, 4) ORDER BY seq');
    await raw.query('UPDATE audit_entries SET entry = $1 WHERE seq = 3', [rows[1]!['entry']]);
    await raw.query('UPDATE audit_entries SET entry = $1 WHERE seq = 4', [rows[0]!['entry']]);
    await raw.close();
    const result = await verify(log.db);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('index 3: entry 3 carries sequence number 4: entries were reordered or replaced');
    expect(result.stdout).toContain('first bad index 3');
  });

  it('detects checkpoints re-signed with a replaced key', async () => {
    const log = await auditedLog(kind);
    const raw = await openRawDb(log.db);
    const impostor = new NoteSigner(TEST_LOG_KEY.name, Buffer.alloc(32, 9));
    for (const row of await raw.query('SELECT size, note FROM audit_checkpoints')) {
      const body = String(row['note']).slice(0, String(row['note']).lastIndexOf('\n\n') + 1);
      await raw.query('UPDATE audit_checkpoints SET note = $1 WHERE size = $2', [impostor.sign(body), row['size']]);
    }
    await raw.close();
    const result = await verify(log.db);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('no signature on the note is by a known key (was the log key replaced?)');
    expect(result.stdout).toContain('no checkpoint verified');
  });
});

describe('probity audit verify --url', () => {
  it('verifies a running server through its API with an auditor key', async () => {
    const log = await auditedLog('sqlite');
    const registry = await openRegistry({ db: log.db, pack: DEMO_PACK, signer: TEST_LOG_KEY });
    const app = await buildServer(registry, { logLevel: 'silent' });
    await app.listen({ host: '127.0.0.1', port: 0 });
    try {
      const { secret } = await registry.apiKeys.issue('auditor', 'outside-auditor');
      const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
      const keyFile = join(dir, 'auditor.key');
      writeFileSync(keyFile, `${secret}\n`);
      const result = await runCli([
        'audit',
        'verify',
        '--url',
        url,
        '--api-key-file',
        keyFile,
        '--key',
        VKEY,
        '--checkpoint',
        log.older,
      ]);
      expect(result.stdout).toMatch(/OK: all \d+ entries verify/);
      expect(result.code).toBe(0);

      const fromEnv = await runCli(['audit', 'verify', '--url', url, '--key', VKEY, '--json'], {
        PROBITY_API_KEY: secret,
      });
      expect(fromEnv.code).toBe(0);
      expect(JSON.parse(fromEnv.stdout)).toMatchObject({
        ok: true,
        size: expect.any(Number),
        problems: [],
        firstBadIndex: null,
      });

      // The key itself is not taken on the command line, where `ps` shows it to every user.
      const onCommandLine = await runCli(['audit', 'verify', '--url', url, '--api-key', secret, '--key', VKEY]);
      expect(onCommandLine.code).toBe(2);
      expect(onCommandLine.stderr).toContain("unknown option '--api-key'");
    } finally {
      await app.close();
      await registry.close();
    }
  });
});

describe('probity audit monitor', () => {
  it('follows a running server through its tiles, keeps its state, and exits 1 with evidence of a split view', async () => {
    const log = await auditedLog('sqlite');
    const registry = await openRegistry({ db: log.db, pack: DEMO_PACK, signer: TEST_LOG_KEY });
    const app = await buildServer(registry, { logLevel: 'silent' });
    await app.listen({ host: '127.0.0.1', port: 0 });
    try {
      const { secret } = await registry.apiKeys.issue('auditor', 'outside-monitor');
      const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
      const state = join(dir, 'monitor.json');
      const monitor = () =>
        runCli(['audit', 'monitor', url, '--key', VKEY, '--state', state], { PROBITY_API_KEY: secret });
      const first = await monitor();
      expect(first.stdout).toMatch(/^ok: \d+ entries checked/);
      expect(first.code).toBe(0);
      // The state claims a checkpoint of the same size with another root: what a split view leaves.
      const kept = JSON.parse(readFileSync(state, 'utf8')) as { checkpoint: string; size: number; edge: string[] };
      writeFileSync(
        state,
        JSON.stringify({ ...kept, edge: kept.edge.map(() => Buffer.alloc(32, 7).toString('base64')) }),
      );
      const split = await monitor();
      expect(split.code).toBe(1);
      expect(split.stdout).toContain('evidence: the checkpoint of');
    } finally {
      await app.close();
      await registry.close();
    }
  });
});

describe('probity ingest with the log key', () => {
  it('signs a checkpoint of what it wrote, so that probity audit verify passes right after an offline bulk load', async () => {
    const key = join(dir, 'offline', 'log.key');
    const verifier = (
      await runCli(['audit', 'keygen', '--out', key, '--origin', 'probity.test/offline'])
    ).stdout.trim();
    const file = join(dir, 'offline', 'records.ndjson');
    writeFileSync(
      file,
      [1, 2, 3].map((n) => JSON.stringify(validSubmission({ sourceRef: `offline-${n}` }))).join('\n') + '\n',
    );
    const db = `sqlite:${join(dir, 'offline', 'probity.db')}`;
    const ingest = await runCli(['ingest', file, '--institution', 'sh-pudong-court', '--db', db, '--audit-key', key]);
    expect(ingest.code).toBe(0);
    expect(ingest.stdout).toMatch(/signed checkpoint: \d+ audit entries/);
    const verified = await runCli(['audit', 'verify', '--db', db, '--key', verifier]);
    expect(verified.stdout).toMatch(/^OK: all \d+ entries verify/m);
    expect(verified.code).toBe(0);
  });
});
