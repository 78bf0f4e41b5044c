import { spawn } from 'node:child_process';
import { connect } from 'node:net';
import { ensureDebianPackage } from './debian-package.js';
import { freePort } from '../../src/cli/free-port.js';

export const REDIS_SERVER = '/usr/bin/redis-server';

/** Installs Debian's redis-server when missing (see ensureDebianPackage); the global setup calls it once. */
export function ensureRedis(): void {
  ensureDebianPackage(REDIS_SERVER, ['redis-server'], 'the tests of counts shared between nodes');
}

/** A throw-away Redis server from Debian's redis-server package, on a loopback port, keeping nothing on disk. */
export async function startRedis(): Promise<{ readonly url: string; stop(): Promise<void> }> {
  ensureRedis();
  const port = await freePort('127.0.0.1');
  const child = spawn(
    REDIS_SERVER,
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: 'ignore' },
  );
  for (let i = 0; ; i++) {
    if (await answers(port)) break;
    if (i > 100 || child.exitCode !== null) throw new Error(`redis-server did not start on port ${port}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    url: `redis://127.0.0.1:${port}`,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

function answers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1', () => {
      socket.destroy();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
  });
}
