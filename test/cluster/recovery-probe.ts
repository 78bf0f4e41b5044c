import pg from 'pg';

/**
 * When each layer works again after a failure, in milliseconds since it: 0 if it never failed,
 * absent if it had not recovered by the end of the watch.
 */
export interface Recovery {
  /** A fresh connection through HAProxy's primary port commits a write (replicated synchronously). */
  databaseWrites?: number;
  /** Each Probity node's /readyz answers 200, by URL. */
  nodesReady: Record<string, number>;
  /** The balancer's /readyz answers 200. */
  balancerReady?: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Watches, every 100 ms for at most `seconds`, when writes through `db` and the `/readyz` of each
 * node and of the balancer work again, to break a pause down into its parts. `probeTable` is a
 * one-column (timestamptz) table the probe may write to.
 */
export async function watchRecovery(
  db: string,
  probeTable: string,
  nodes: readonly string[],
  balancer: string,
  since: number,
  seconds: number,
): Promise<Recovery> {
  const ready = async (url: string) =>
    (await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(1000) }).catch(() => undefined))?.ok === true;
  const probes: [string, () => Promise<boolean>][] = [
    ['database', () => writes(db, probeTable)],
    ...nodes.map((node): [string, () => Promise<boolean>] => [node, () => ready(node)]),
    ['balancer', () => ready(balancer)],
  ];
  // A layer has recovered when it works after having failed at least once since the failure.
  const failed = new Set<string>();
  const recovered = new Map<string, number>();
  for (
    const deadline = since + seconds * 1000;
    Date.now() < deadline && recovered.size < probes.length;
    await sleep(100)
  ) {
    await Promise.all(
      probes.map(async ([name, works]) => {
        if (recovered.has(name)) return;
        if (!(await works())) failed.add(name);
        else if (failed.has(name)) recovered.set(name, Date.now() - since);
      }),
    );
  }
  const at = (name: string) => recovered.get(name) ?? (failed.has(name) ? undefined : 0);
  return {
    ...(at('database') === undefined ? {} : { databaseWrites: at('database') }),
    nodesReady: Object.fromEntries(nodes.flatMap((node) => (at(node) === undefined ? [] : [[node, at(node)!]]))),
    ...(at('balancer') === undefined ? {} : { balancerReady: at('balancer') }),
  };
}

async function writes(db: string, table: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: db, connectionTimeoutMillis: 1000, query_timeout: 1000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query(`INSERT INTO ${table} VALUES (now())`);
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}
