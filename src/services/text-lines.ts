import { StringDecoder } from 'node:string_decoder';

/**
 * The lines of a byte or text stream (`\n` or `\r\n` endings; a last line without an
 * ending counts). Used instead of node:readline for request bodies: readline's async
 * iterator dropped the lines still buffered when a socket body ended while the consumer
 * was busy, so a bulk request lost its tail without a word (test/http/ndjson-streams).
 */
export async function* textLines(input: AsyncIterable<Buffer | string> | Iterable<Buffer | string>): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  let rest = '';
  for await (const chunk of input) {
    const parts = (rest + (typeof chunk === 'string' ? chunk : decoder.write(chunk))).split('\n');
    rest = parts.pop()!;
    for (const part of parts) yield part.endsWith('\r') ? part.slice(0, -1) : part;
  }
  rest += decoder.end();
  if (rest !== '') yield rest.endsWith('\r') ? rest.slice(0, -1) : rest;
}
