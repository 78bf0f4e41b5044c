import { createServer, connect, type Server, type Socket } from 'node:net';

/**
 * A TCP link between Probity and a real PostgreSQL server that a test can cut or freeze,
 * to reproduce what an operator sees when the database restarts (every connection drops),
 * is down (connections refused) or hangs (SIGSTOP: connections open, nothing answers).
 * The database itself stays real; only the wire between the two is under the test's hand.
 */
export class DatabaseLink {
  private readonly sockets = new Set<Socket>();
  private held: (() => void)[] = [];
  /** Connections opened through the link so far. */
  connections = 0;
  private state: 'up' | 'down' | 'hung' = 'up';
  private server: Server | undefined;
  private port = 0;

  private constructor(private readonly target: { readonly host: string; readonly port: number }) {}

  /** A link in front of the server of `databaseUrl`; `url` is the same database through the link. */
  static async open(databaseUrl: string): Promise<{ link: DatabaseLink; url: string }> {
    const target = new URL(databaseUrl);
    const link = new DatabaseLink({ host: target.hostname, port: Number(target.port) });
    await link.listen();
    const through = new URL(databaseUrl);
    through.port = String(link.port);
    return { link, url: through.toString() };
  }

  /** Drops every open connection, as a database restart does; new connections work. */
  dropConnections(): void {
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
  }

  /** The database is down: open connections drop, new ones are refused. */
  async down(): Promise<void> {
    this.state = 'down';
    this.dropConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    this.server = undefined;
  }

  /** The database hangs: connections stay open (new ones too) but nothing passes either way. */
  hang(): void {
    this.state = 'hung';
    for (const socket of this.sockets) socket.pause();
  }

  /** Back to normal: listening again after `down`, traffic flowing again after `hang`. */
  async up(): Promise<void> {
    const was = this.state;
    this.state = 'up';
    if (was === 'down') await this.listen();
    for (const deliver of this.held.splice(0)) deliver();
    for (const socket of this.sockets) socket.resume();
  }

  async close(): Promise<void> {
    await this.down();
  }

  private listen(): Promise<void> {
    return new Promise((resolve, reject) => {
      const server = createServer((client) => this.accept(client));
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => {
        const address = server.address();
        if (typeof address === 'object' && address) this.port = address.port;
        this.server = server;
        resolve();
      });
    });
  }

  private accept(client: Socket): void {
    this.connections += 1;
    const upstream = connect(this.target.port, this.target.host);
    for (const [from, to] of [
      [client, upstream],
      [upstream, client],
    ] as const) {
      this.sockets.add(from);
      from.on('data', (chunk: Buffer) => {
        // A hung database holds what arrives; it is delivered when the link is up again.
        if (this.state !== 'hung') return void to.write(chunk);
        from.pause();
        this.held.push(() => to.write(chunk));
      });
      from.on('error', () => to.destroy());
      from.on('close', () => {
        this.sockets.delete(from);
        to.destroy();
      });
    }
    if (this.state === 'hung') this.hang();
  }
}
