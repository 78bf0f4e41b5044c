import { Agent, request, type IncomingHttpHeaders } from 'node:http';
import { connect } from 'node:net';

/** An answer read whole. */
export interface RawResponse {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
}

export interface RawRequest {
  readonly method: string;
  /** Sent exactly as given: no normalisation of `..`, percent-encodings or case (fetch and inject would). */
  readonly path: string;
  readonly headers?: Readonly<Record<string, string | readonly string[]>>;
  readonly body?: string | Buffer;
  /** On a connection of its own rather than a kept-alive one. */
  readonly fresh?: boolean;
}

const agent = new Agent({ keepAlive: true, maxSockets: 8 });

/**
 * One HTTP/1.1 request through node:http, with the path sent verbatim. A connection reset is
 * tried once more on a fresh connection (a kept-alive one may have been closed by the server
 * after an earlier answer); reset again, it answers status 0.
 */
export async function send(base: string, req: RawRequest): Promise<RawResponse> {
  try {
    return await sendOnce(base, req, req.fresh ? false : agent);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ECONNRESET') throw error;
    return sendOnce(base, req, false).catch((again: NodeJS.ErrnoException) => {
      if (again.code === 'ECONNRESET') return { status: 0, headers: {}, body: Buffer.alloc(0) };
      throw again;
    });
  }
}

function sendOnce(base: string, req: RawRequest, via: Agent | false): Promise<RawResponse> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const outgoing = request(
      {
        agent: via,
        host: url.hostname,
        port: url.port,
        method: req.method,
        path: req.path,
        headers: {
          ...req.headers,
          ...(req.body === undefined ? {} : { 'content-length': String(Buffer.byteLength(req.body)) }),
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }),
        );
        response.on('error', reject);
      },
    );
    outgoing.on('error', reject);
    outgoing.end(req.body);
  });
}

/**
 * Bytes written to a fresh socket as they are, for what node:http refuses to send (a newline
 * or a byte above 0xFF in a header). HTTP/1.0, so the server closes the connection after its
 * answer and sends no chunked encoding. A connection the server drops answers status 0.
 */
export function sendBytes(base: string, bytes: Buffer): Promise<RawResponse> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(url.port), url.hostname);
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', (error: NodeJS.ErrnoException) =>
      error.code === 'ECONNRESET' ? socket.destroy() : reject(error),
    );
    socket.on('close', () => resolve(parseResponse(Buffer.concat(chunks))));
    // Written, not ended: a client that half-closes its side is taken by Node's HTTP server
    // for one that left, and an answer still being worked on is dropped (httpAllowHalfOpen).
    socket.write(bytes);
  });
}

function parseResponse(raw: Buffer): RawResponse {
  const end = raw.indexOf('\r\n\r\n');
  if (end < 0) return { status: 0, headers: {}, body: raw };
  const [statusLine = '', ...lines] = raw.subarray(0, end).toString('latin1').split('\r\n');
  const headers: IncomingHttpHeaders = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { status: Number(statusLine.split(' ')[1]), headers, body: raw.subarray(end + 4) };
}
