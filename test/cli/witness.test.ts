import { statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CosignatureVerifier } from '../../src/domain/audit/cosignature.js';
import { finished, runCli, startCli } from '../support/cli.js';
import { startTestServer, TEST_LOG_KEY } from '../support/test-server.js';
import { testTempDir } from '../support/temp-dir.js';

describe('probity witness', () => {
  const dir = testTempDir('witness-cli');
  const key = join(dir, 'witness.key');
  const children: ReturnType<typeof startCli>[] = [];
  afterAll(() => children.forEach((child) => child.kill()));

  it('keygen writes a private key only its owner reads and prints the verifier key', async () => {
    const result = await runCli(['witness', 'keygen', '--name', 'audit-office.example/witness', '--out', key]);
    expect(result.code).toBe(0);
    expect(statSync(key).mode & 0o777).toBe(0o600);
    expect(CosignatureVerifier.decode(result.stdout).name).toBe('audit-office.example/witness');
    expect((await runCli(['witness', 'keygen', '--name', 'x.example/w', '--out', key])).code).toBe(2);
  });

  it('serve cosigns the checkpoints of the logs it was given, and keeps its state in a file', async () => {
    const server = await startTestServer('sqlite');
    try {
      const child = startCli([
        'witness',
        'serve',
        '--key',
        key,
        '--state',
        join(dir, 'state.db'),
        '--log',
        TEST_LOG_KEY.verifier().encode(),
        '--port',
        '0',
      ]);
      children.push(child);
      const url = await new Promise<string>((resolve, reject) => {
        let output = '';
        child.stdout?.on('data', (chunk: Buffer) => {
          output += chunk.toString();
          const found = /on (http:\/\/\S+),/.exec(output)?.[1];
          if (found) resolve(found);
        });
        child.once('exit', (code) => reject(new Error(`witness exited with ${code}`)));
      });
      const checkpoint = (await server.registry.audit.publishCheckpoint()).note;
      const answer = await fetch(`${url}/add-checkpoint`, { method: 'POST', body: `old 0\n\n${checkpoint}` });
      expect(answer.status).toBe(200);
      expect(await answer.text()).toMatch(/^\u2014 audit-office\.example\/witness \S+\n$/u);
      child.kill('SIGTERM');
      expect((await finished(child)).code).toBe(0);
      expect(statSync(join(dir, 'state.db')).size).toBeGreaterThan(0);
    } finally {
      await server.close();
    }
  });
});
