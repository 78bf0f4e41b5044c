import { createServer } from 'node:net';

/**
 * A port nobody listens on right now. The demo needs its own URL before it starts (the
 * identity provider must know where to send people back), so `--port 0` picks one first.
 */
export async function freePort(host = '127.0.0.1'): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, host, resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}
