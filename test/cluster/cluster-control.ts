import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const SCRIPT = join(import.meta.dirname, '..', '..', 'cluster', 'cluster.sh');
const run = promisify(execFile);

/** The PostgreSQL HA cluster and HAProxy frontends of cluster/cluster.sh, on loopback ports from `base`. */
export interface Cluster {
  readonly dir: string;
  /** PROBITY_DB: HAProxy's primary port. */
  readonly db: string;
  /** HAProxy's HTTP frontend balancing the Probity nodes by /readyz. */
  readonly frontend: string;
  /** The two ports the frontend expects Probity nodes on. */
  readonly probityPorts: readonly [number, number];
  /** The member that answers Patroni's /primary now, if any. */
  primary(): Promise<string | undefined>;
  /** kill -9 of the primary's postmaster; resolves with the member's name. */
  killPrimary(): Promise<string>;
  /** Stops etcd, leaves it down for `downSeconds`, starts it again. */
  restartEtcd(downSeconds: number): Promise<void>;
  /** Resolves once `name` runs as `role`; rejects after `seconds`. */
  waitRole(name: string, role: 'primary' | 'replica', seconds: number): Promise<void>;
  /** patronictl list. */
  status(): Promise<string>;
  /** Stops every process of the cluster and removes its folder. */
  down(): Promise<void>;
}

/** Brings the cluster up (about 10 s) in a fresh temporary folder. */
export async function clusterUp(base: number): Promise<Cluster> {
  const dir = mkdtempSync(join(tmpdir(), 'probity-cluster-'));
  process.env['PGPASSWORD'] = 'probity';
  const env = { ...process.env, CLUSTER_PORT_BASE: String(base) };
  const script = async (args: readonly string[], timeoutMs: number) =>
    (await run(SCRIPT, [args[0]!, dir, ...args.slice(1)], { env, timeout: timeoutMs })).stdout.trim();
  const cluster: Cluster = {
    dir,
    // The password is in PGPASSWORD (set above), as a deployment gives it, never on a command line.
    db: `postgres://probity@127.0.0.1:${base + 30}/probity`,
    frontend: `http://127.0.0.1:${base + 40}`,
    probityPorts: [base + 41, base + 42],
    primary: () => script(['primary'], 10_000).catch(() => undefined),
    killPrimary: () => script(['kill-primary'], 10_000),
    restartEtcd: async (downSeconds) =>
      void (await script(['restart-etcd', String(downSeconds)], 40_000 + downSeconds * 1000)),
    waitRole: async (name, role, seconds) =>
      void (await script(['wait-role', name, role, String(seconds)], (seconds + 10) * 1000)),
    status: () => script(['status'], 10_000),
    down: async () => void (await script(['down'], 120_000)),
  };
  try {
    await script(['up'], 240_000);
  } catch (error) {
    await cluster.down().catch(() => undefined);
    throw error;
  }
  return cluster;
}
