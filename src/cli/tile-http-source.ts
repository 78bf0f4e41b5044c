import { ProbityError } from '../errors.js';
import type { TileSource } from '../services/log-monitor.js';

/** A log's checkpoint and entry bundles over HTTP (C2SP tlog-tiles); bundles with an auditor key. */
export function httpTileSource(base: string, apiKey: string | undefined): TileSource {
  const root = base.replace(/\/+$/, '');
  async function get(path: string, auth: boolean): Promise<Response> {
    const headers: Record<string, string> = auth && apiKey ? { authorization: `Bearer ${apiKey}` } : {};
    const response = await fetch(`${root}${path}`, { headers });
    if (!response.ok)
      throw new ProbityError(
        'invalid_config',
        `GET ${root}${path} answered ${response.status}: ${(await response.text()).slice(0, 300)}`,
      );
    return response;
  }
  return {
    checkpoint: async () => (await get('/log/checkpoint', false)).text(),
    entryBundle: async (path) => Buffer.from(await (await get(`/log/tile/entries/${path}`, true)).arrayBuffer()),
  };
}
