import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { EVIDENCE_MAX_BYTES } from '../../src/domain/disputes/evidence.js';
import { ProbityError } from '../../src/errors.js';
import {
  startPortalServer,
  submitRecords,
  MOTHERS_FARE_EVASION,
  type PortalClient,
  type PortalServer,
} from '../support/portal-fixture.js';

const MOTHER = MOTHERS_FARE_EVASION.subject;
/** What Chromium sends when it navigates to a page. */
const BROWSER = {
  accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8',
  'accept-language': 'en-GB,en;q=0.9',
};
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const GROUNDS = 'I paid the fare: the receipt <b>shows</b> it & the date.';
const LONG_STATEMENT = Array.from({ length: 101 }, (_, i) => `word${i}`).join(' ');

describe('portal errors and refused forms, for a person in a browser', () => {
  let server: PortalServer;
  let mother: PortalClient;
  let recordId: string;

  beforeAll(async () => {
    server = await startPortalServer('sqlite');
    [recordId] = (await submitRecords(server, 'sh-transport', [MOTHERS_FARE_EVASION])) as [string];
    mother = await server.signIn('mother');
  }, 60_000);
  afterEach(() => vi.restoreAllMocks());
  afterAll(() => server?.close());

  const browse = (client: PortalClient, path: string, language = 'en-GB,en;q=0.9') =>
    client.get(path, { ...BROWSER, 'accept-language': language });

  describe('a page that does not exist', () => {
    it('is an HTML page with status 404, in the portal layout, with links to go on', async () => {
      const response = await browse(server.anonymous(), '/no/such/page');
      expect(response.status).toBe(404);
      expect(response.headers.get('content-type')).toMatch(/^text\/html/);
      const page = await response.text();
      expect(page).toContain('<h1>Page not found</h1>');
      expect(page).toContain('<a href="/">The start page</a>');
      expect(page).toContain('<a href="/lookup">');
      expect(page).toContain('<a href="/signin">Sign in</a>');
    });

    it('is in the language the browser asks for, and offers a signed-in person their own pages', async () => {
      const page = await (await browse(mother, '/me/nothing-here', 'zh-CN,zh;q=0.9')).text();
      expect(page).toContain('<h1>找不到此页面</h1>');
      expect(page).toContain('<html lang="zh-Hans">');
      expect(page).toContain('<a href="/me">');
    });

    it('is a 404 page too when a page route finds nothing (a dispute form about no record of yours)', async () => {
      const response = await browse(mother, '/me/disputes/new?record=01J0000000000000000000000');
      expect(response.status).toBe(404);
      expect(await response.text()).toContain('<h1>Page not found</h1>');
    });

    it('stays problem+json for an API client: no Accept, */*, or JSON first', async () => {
      for (const accept of [undefined, '*/*', 'application/json, text/html']) {
        const response = await mother.get('/no/such/page', accept ? { accept } : {});
        expect(response.status).toBe(404);
        expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
        expect(((await response.json()) as { type: string }).type).toBe('/problems/not_found');
      }
    });

    it('stays problem+json on an API path, even for a browser', async () => {
      for (const path of ['/v1/no-such-thing', '/v1/me/nothing', '/healthz/x', '/metrics', '/tile/0/000']) {
        const response = await browse(mother, path);
        expect(response.status, path).toBe(404);
        expect(response.headers.get('content-type'), path).toMatch(/^application\/problem\+json/);
      }
    });
  });

  describe('an error on a portal page', () => {
    it('store unavailable: a 503 page saying when to try again, keeping Retry-After', async () => {
      vi.spyOn(server.registry.subjectData, 'records').mockRejectedValueOnce(
        new ProbityError('store_unavailable', 'connection refused'),
      );
      const response = await browse(mother, '/me/records');
      expect(response.status).toBe(503);
      expect(response.headers.get('retry-after')).toBe('2');
      expect(response.headers.get('content-type')).toMatch(/^text\/html/);
      const page = await response.text();
      expect(page).toContain('<h1>The registry is briefly unavailable</h1>');
      expect(page).toContain('Try again in 2 seconds.');
      expect(page).not.toContain('connection refused');
    });

    it('anything unexpected: a 500 page with the request id to quote, and nothing of the error itself', async () => {
      vi.spyOn(server.registry.subjectData, 'records').mockRejectedValueOnce(new Error('secret internals'));
      const response = await browse(mother, '/me/records');
      expect(response.status).toBe(500);
      const page = await response.text();
      expect(page).toContain('<h1>Something went wrong on our side</h1>');
      expect(page).toContain(`<code>${response.headers.get('x-request-id')}</code>`);
      expect(page).not.toContain('secret internals');
    });

    it('stays problem+json for an API client', async () => {
      vi.spyOn(server.registry.subjectData, 'records').mockRejectedValueOnce(new Error('secret internals'));
      const response = await mother.get('/me/records');
      expect(response.status).toBe(500);
      expect(((await response.json()) as { type: string }).type).toBe('/problems/internal');
    });
  });

  describe('a GET of a path that only takes a form', () => {
    it('/me/attestations (a reload after issuing a report) goes back to the form that issues one', async () => {
      const response = await browse(mother, '/me/attestations');
      expect(response.status).toBe(303);
      expect(response.headers.get('location')).toBe('/me#attest-title');
      const form = await (await browse(mother, '/me')).text();
      expect(form).toContain('id="attest-title"');
      expect(form).toContain('action="/me/attestations"');
    });

    it('/signout offers the sign-out button, and signs nobody out by itself', async () => {
      const client = await server.signIn('mother');
      const response = await browse(client, '/signout');
      expect(response.status).toBe(200);
      const page = await response.text();
      expect(page).toContain('<h1>Sign out</h1>');
      expect(page).toMatch(/<main[^]*<form method="post" action="\/signout">/);
      expect((await browse(client, '/me/records')).status).toBe(200);
      const anonymous = await (await browse(server.anonymous(), '/signout')).text();
      expect(anonymous).toContain('You are not signed in.');
    });

    it('/me/disputes, /review/{id} and /verify have pages of their own', async () => {
      expect((await browse(mother, '/me/disputes')).status).toBe(200);
      expect((await browse(mother, '/verify')).status).toBe(200);
      const reviewer = await server.signIn('reviewer');
      const review = await browse(reviewer, '/review/01J0000000000000000000000');
      expect(review.status).toBe(404);
      expect(await review.text()).toContain('<h1>Page not found</h1>');
    });
  });

  describe('a refused dispute', () => {
    const fileDispute = async (fields: Record<string, string>, file?: { content: Buffer; name: string }) => {
      const form = new FormData();
      form.set('_csrf', await mother.csrfToken());
      form.set('recordId', recordId);
      for (const [name, value] of Object.entries(fields)) form.set(name, value);
      if (file) form.set('evidence', new Blob([new Uint8Array(file.content)]), file.name);
      return mother.postMultipart('/me/disputes', form);
    };
    const disputesNow = async () => (await server.registry.subjectData.subjectOf(MOTHER))!;

    it('over 100 words: the form again (400), the error next to the field and in a summary, the text kept', async () => {
      const response = await fileDispute({ grounds: GROUNDS, statement: LONG_STATEMENT });
      expect(response.status).toBe(400);
      const page = await response.text();
      expect(page).toContain('<title>Error: ');
      expect(page).toMatch(/role="alert"[^>]*>[^]*There is a problem[^]*<a href="#statement">Shorten your statement/);
      expect(page).toContain('id="statement-error"');
      expect(page).toMatch(/<textarea id="statement"[^>]* aria-invalid="true" aria-describedby="statement-error"/);
      expect(page).toContain('It has 101 words.');
      expect(page).toContain(`${LONG_STATEMENT}</textarea>`);
      expect(page).toContain('I paid the fare: the receipt &lt;b&gt;shows&lt;/b&gt; it &amp; the date.</textarea>');
      expect(page).not.toContain('aria-describedby="grounds-error"');
      expect(await server.registry.disputes.ofSubject(await disputesNow())).toEqual([]);
    });

    it('a file that is not a PDF or a picture: the form again, the typed text kept, asked to choose files again', async () => {
      const response = await fileDispute(
        { grounds: GROUNDS, statement: 'Short.' },
        { content: Buffer.from('<html><script>alert(1)</script></html>'), name: 'receipt.pdf' },
      );
      expect(response.status).toBe(415);
      const page = await response.text();
      expect(page).toContain('<a href="#evidence">A file you chose is not a PDF or a picture');
      expect(page).toMatch(/<input type="file" id="evidence"[^>]* aria-describedby="evidence-error evidence-again"/);
      expect(page).toContain('choose your files again');
      expect(page).toContain('Short.</textarea>');
      expect(page).toContain('&amp; the date.</textarea>');
    });

    it('a file over the size limit: the form again rather than a bare 413 problem', async () => {
      const response = await fileDispute(
        { grounds: GROUNDS },
        { content: Buffer.concat([PDF, Buffer.alloc(EVIDENCE_MAX_BYTES)]), name: 'scan.pdf' },
      );
      expect(response.status).toBe(413);
      expect(response.headers.get('content-type')).toMatch(/^text\/html/);
      const page = await response.text();
      expect(page).toContain('larger than 5 MiB');
      expect(page).toContain('&amp; the date.</textarea>');
    });

    it('keeps the CSRF protection: the form shown again carries a token that files the corrected dispute', async () => {
      const refused = await (await fileDispute({ grounds: GROUNDS, statement: LONG_STATEMENT })).text();
      const token = /name="_csrf" value="([^"]+)"/.exec(refused.slice(refused.indexOf('<main')))![1]!;
      const form = new FormData();
      form.set('_csrf', token);
      form.set('recordId', recordId);
      form.set('grounds', GROUNDS);
      form.set('statement', 'I paid.');
      form.set('evidence', new Blob([new Uint8Array(PDF)]), 'receipt.pdf');
      expect((await mother.postMultipart('/me/disputes', form)).status).toBe(303);
      const forged = new FormData();
      forged.set('recordId', recordId);
      forged.set('grounds', GROUNDS);
      expect((await mother.postMultipart('/me/disputes', forged)).status).toBe(403);
    });

    it('a second dispute about the same record: the form again (409) with the text kept and where to follow the first', async () => {
      const response = await fileDispute({ grounds: 'Again.', statement: 'Still paid.' });
      expect(response.status).toBe(409);
      const page = await response.text();
      expect(page).toContain('You already have a dispute about this that has not been decided.');
      expect(page).toContain('<a href="/me/disputes">');
      expect(page).toContain('Again.</textarea>');
    });
  });
});
