/**
 * The baseline of `npm run bench:screen`: a Fastify app with one empty POST route, started
 * like the Probity server (its own process, logging at warn). Prints its URL.
 */
import Fastify from 'fastify';

const app = Fastify({ logger: { level: 'warn' } });
app.post('/', async () => ({}));
await app.listen({ host: '127.0.0.1', port: 0 });
const address = app.server.address();
process.stdout.write(`listening on http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}\n`);
