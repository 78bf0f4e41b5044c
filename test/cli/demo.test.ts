import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import stringWidth from 'string-width';
import { parseCheckpoint } from '../../src/domain/audit/checkpoint.js';
import { NoteVerifier, openNote } from '../../src/domain/audit/signed-note.js';
import { validSubmission } from '../support/catalog.js';
import { startCli } from '../support/cli.js';
import { PortalClient } from '../support/portal-fixture.js';
import { testTempDir } from '../support/temp-dir.js';

/** Starts `probity demo` and resolves with everything it printed once it says it is up. */
function startDemo(data: string): Promise<{ child: ChildProcess; output: string; url: string }> {
  const child = startCli(['demo', '--data', data, '--port', '0']);
  return new Promise((resolve, reject) => {
    let output = '';
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const url = /API {7}(http:\/\/\S+)\/v1/.exec(output)?.[1];
      if (url && output.includes('Stop with Ctrl-C')) resolve({ child, output, url });
    });
    child.once('exit', (code) => reject(new Error(`demo exited with ${code}:\n${output}`)));
  });
}

describe('probity demo', () => {
  const children: ChildProcess[] = [];
  afterEach(() => {
    for (const child of children.splice(0)) child.kill('SIGKILL');
  });

  it('seeds the store, serves the API with working demo keys, and reuses the data on the next start', async () => {
    const data = testTempDir('probity-demo-');
    const started = Date.now();
    const first = await startDemo(data);
    children.push(first.child);
    expect(Date.now() - started).toBeLessThan(60_000);
    expect(first.output).toContain('First start');
    expect(first.output).toMatch(/20000 persons, 2000 organizations, 100 government bodies; \d+ records/);
    expect(first.output).toContain(`${first.url}/openapi.json`);

    const ready = (await fetch(`${first.url}/readyz`).then((r) => r.json())) as { feedSeq: number };
    expect(ready).toMatchObject({ status: 'ready', pack: 'cn-demo' });
    expect(ready.feedSeq).toBeGreaterThan(20_000);

    const key = /institution +sh-pudong-court +(pbt_\S+)/.exec(first.output)?.[1];
    const response = await fetch(`${first.url}/v1/records`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify([validSubmission({ sourceRef: 'demo-test-1' })]),
    });
    expect(((await response.json()) as { accepted: number }).accepted).toBe(1);

    const airline = /relying_party +china-eastern +(pbt_\S+)/.exec(first.output)?.[1];
    const check = await fetch(`${first.url}/v1/checks`, {
      method: 'POST',
      headers: { authorization: `Bearer ${airline}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        subject: { scheme: 'CN-RIC', value: '11010519491231002X' },
        action: 'air.ticket.any',
        purpose: 'ticket_sale',
      }),
    });
    expect(check.status).toBe(200);
    expect(((await check.json()) as { decision: string }).decision).toBe('allow');

    const vkey = /log key (\S+)\)/.exec(first.output)?.[1];
    const note = await fetch(`${first.url}/v1/audit/checkpoint`).then((r) => r.text());
    const head = parseCheckpoint(openNote(note, [NoteVerifier.decode(vkey!)]).text);
    expect(head.size).toBeGreaterThan(20_000);
    expect(statSync(join(data, 'audit-log.key')).mode & 0o777).toBe(0o600);
    expect(first.output).toMatch(/auditor +demo-auditor +pbt_/);

    // A printed demo person signs in at the demo eID service and sees their rating.
    expect(first.output).toContain('Demo people');
    const { users } = JSON.parse(readFileSync(join(data, 'demo-state.json'), 'utf8')) as {
      users: { accountId: string; name: string; description: string }[];
    };
    // Several citizens in each band of the persons rulebook.
    for (const band of ['Very good', 'Good', 'Bad']) {
      expect(
        users.filter((u) => u.description.startsWith(`citizen, rating ${band} (`)).length,
        band,
      ).toBeGreaterThanOrEqual(2);
    }
    expect(users.some((u) => u.description.includes('dishonest judgment debtors'))).toBe(true);
    expect(users.some((u) => u.description.startsWith('legal representative'))).toBe(true);
    // Names in Chinese take two columns a character: every description starts in the same column.
    const columns = users.map((u) => {
      const line = first.output.split('\n').find((l) => l.includes(u.description))!;
      return stringWidth(line.slice(0, line.indexOf(u.description)));
    });
    expect(new Set(columns).size).toBe(1);
    const person = users.find((u) => u.description.startsWith('citizen'))!;
    expect(first.output).toContain(person.name);
    const browser = new PortalClient(first.url);
    const page = await browser.signIn(person.accountId);
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/<h1>My rating<\/h1>[\s\S]*class="band"/);

    // The demo's mailbox page shows what its notices send (through its own SMTP server).
    expect(first.output).toContain(`${first.url}/demo/mailbox`);
    const mailbox = await fetch(`${first.url}/demo/mailbox`);
    expect(mailbox.status).toBe(200);
    expect(await mailbox.text()).toContain('<h1>Demo mailbox</h1>');

    first.child.kill('SIGTERM');
    await new Promise((resolve) => first.child.once('exit', resolve));

    const second = await startDemo(data);
    children.push(second.child);
    expect(second.output).not.toContain('First start');
    expect(second.output).toContain(key);
  }, 120_000);
});
