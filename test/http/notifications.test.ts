import { simpleParser, type ParsedMail } from 'mailparser';
import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createTransport } from 'nodemailer';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_ATTEMPTS } from '../../src/domain/notifications/outbox-message.js';
import type { Clock } from '../../src/services/clock.js';
import { machineCodesIn } from '../support/machine-codes.js';
import { startPortalServer, type PortalClient, type PortalServer } from '../support/portal-fixture.js';
import { STORE_KINDS } from '../support/stores.js';

const MOTHER = '110101199003074477';
const START = Date.parse('2026-06-01T09:00:00.000Z');
type Json = Record<string, any>;

/** A real SMTP server in this process; what arrives is parsed and kept. */
async function startMailbox(): Promise<{ port: number; mails: ParsedMail[]; close: () => Promise<void> }> {
  const mails: ParsedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream).then((mail) => {
        mails.push(mail);
        callback();
      }, callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return { port, mails, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** A webhook receiver that answers with the given statuses in turn (then the last one). */
async function startReceiver(statuses: number[]) {
  const calls: { headers: Record<string, string | string[] | undefined>; body: string }[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      calls.push({ headers: req.headers, body });
      res.statusCode = statuses[Math.min(calls.length - 1, statuses.length - 1)]!;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  return { url, calls, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

const until = async (done: () => boolean | Promise<boolean>, ms = 3_000) => {
  const started = Date.now();
  while (!(await done()) && Date.now() - started < ms) await new Promise((r) => setTimeout(r, 25));
};

describe.each(STORE_KINDS)('notifications on %s', (kind) => {
  let server: PortalServer;
  let mailbox: Awaited<ReturnType<typeof startMailbox>>;
  let mother: PortalClient;
  let now = START;
  const clock: Clock = { now: () => new Date(now) };
  const call = async (
    method: string,
    path: string,
    role: 'institution' | 'relying_party',
    code: string,
    body?: unknown,
  ) => {
    const { secret } = await server.registry.apiKeys.issue(role, code);
    const response = await fetch(`${server.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return (await response.json()) as Json;
  };
  const fareEvasion = async (ref: string) => {
    const answer = await call('POST', '/v1/records', 'institution', 'sh-transport', [
      {
        type: 'transport.fare_evasion',
        sourceRef: ref,
        subject: { scheme: 'CN-RIC', value: MOTHER, name: '王芳' },
        effectiveAt: new Date(START - 5 * 86_400_000).toISOString(),
        payload: { decisionReference: ref, station: '人民广场', fareAmount: 4 },
      },
    ]);
    return answer['results'][0]['id'] as string;
  };
  const dispute = async (recordId: string) => {
    const response = await mother.request(`${server.url}/v1/me/disputes`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ recordId, grounds: 'It was my son’s card.' }),
    });
    return (await response.json()) as Json;
  };

  /** Waits until the worker has recorded the outcome of the receiver's n-th call, before the clock moves on. */
  const attempted = async (
    receiver: { calls: { headers: Record<string, string | string[] | undefined> }[] },
    n: number,
  ) => {
    const id = String(receiver.calls[0]!.headers['x-probity-delivery']);
    await until(async () => ((await server.registry.store.messageState(id))?.attempts ?? 0) >= n);
  };

  beforeAll(async () => {
    mailbox = await startMailbox();
    const mail = createTransport({ host: '127.0.0.1', port: mailbox.port, secure: false, ignoreTLS: true });
    server = await startPortalServer(kind, { clock, mail });
    mother = await server.signIn('mother');
  }, 60_000);
  afterAll(async () => {
    await server?.close();
    await mailbox?.close();
  });

  it('e-mails the subject a receipt and the source institution the dispute, in English and Chinese', async () => {
    const recordId = await fareEvasion('N-1');
    const filed = await dispute(recordId);
    await until(() => mailbox.mails.filter((m) => m.subject?.includes('dispute')).length >= 2);
    const toMother = mailbox.mails.find(
      (m) => JSON.stringify(m.to).includes('wang.fang@example.com') && m.subject?.includes('Your dispute is filed'),
    )!;
    expect(toMother.subject).toBe('Probity: Your dispute is filed / 您的异议已提交');
    expect(toMother.text).toContain(`must answer by ${filed['deadline'].slice(0, 10)}`);
    expect(toMother.text).toContain('您对"轨道交通逃票（行政处罚）"');
    const toAuthority = mailbox.mails.find((m) => JSON.stringify(m.to).includes('disputes@jtw.sh.gov.example'))!;
    expect(toAuthority.text).toContain('It was my son’s card.');
    expect(toAuthority.text).toContain('请于');
  });

  it('tells the subject and the source institution the answer and the decision in words, not codes', async () => {
    const recordId = await fareEvasion('N-5');
    const filed = await dispute(recordId);
    await call('POST', `/v1/institution/disputes/${filed['id']}:answer`, 'institution', 'sh-transport', {
      kind: 'verify',
      reason: 'The card was used at the gate.',
    });
    const reviewer = await server.signIn('reviewer');
    const decided = await reviewer.request(`${server.url}/v1/disputes/${filed['id']}:decide`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ outcome: 'rejected', reasons: 'The gate log shows the card.' }),
    });
    expect(decided.status).toBe(200);
    const toAuthority = (subject: string) =>
      mailbox.mails.find((m) => JSON.stringify(m.to).includes('disputes@jtw.sh.gov.example') && m.subject === subject);
    await until(
      () =>
        toAuthority('Probity: a dispute about your record was decided / 对您报送记录的异议已作出决定') !== undefined,
    );
    const answered = mailbox.mails.find(
      (m) => m.subject?.includes('The institution answered') && m.text?.includes('The card was used at the gate.'),
    )!;
    expect(answered.text).toContain(
      'your dispute about "Fare evasion on rail transit (administrative penalty)": it stands by the record.',
    );
    expect(answered.text).toContain('维持该记录');
    const toMother = mailbox.mails.find(
      (m) => m.subject?.includes('Your dispute was decided') && m.text?.includes('The gate log shows the card.'),
    )!;
    expect(toMother.text).toContain('was decided against you: the record stands and counts.');
    expect(toMother.text).toContain('异议不成立，作出不利于您的决定');
    expect(toMother.text).not.toMatch(/rejected|verify/);
    const decision = toAuthority('Probity: a dispute about your record was decided / 对您报送记录的异议已作出决定')!;
    expect(decision.text).toContain('against the person: the record stands and counts');
    expect(decision.text).toContain('Reasons: The gate log shows the card.');
    expect(decision.text).toContain('作出不利于当事人的决定');
  });

  it('tells the subject of a new negative record, and of a listing before it takes effect', async () => {
    await fareEvasion('N-4');
    await until(() => mailbox.mails.some((m) => m.subject === 'Probity: a new record about you / 关于您的新记录'));
    const record = mailbox.mails.find((m) => m.subject === 'Probity: a new record about you / 关于您的新记录')!;
    expect(JSON.stringify(record.to)).toContain('wang.fang@example.com');
    expect(record.text).toContain('recorded "Fare evasion on rail transit (administrative penalty)" about you');
    expect(record.text).toContain('报送了关于您的"轨道交通逃票（行政处罚）"记录');
    await call('POST', '/v1/records', 'institution', 'sh-tax', [
      {
        type: 'tax.major_violation',
        sourceRef: 'T-N',
        subject: { scheme: 'CN-RIC', value: MOTHER, name: '王芳' },
        effectiveAt: new Date(now).toISOString(),
        payload: { decisionReference: 'T-N', violationType: 'tax_evasion', amount: 1000000, currency: 'CNY' },
      },
    ]);
    await until(() => mailbox.mails.some((m) => m.subject?.startsWith('Probity: you are being placed on a list')));
    const listing = mailbox.mails.find((m) => m.subject?.startsWith('Probity: you are being placed on a list'))!;
    expect(listing.text).toContain(`It takes effect on ${new Date(now + 15 * 86_400_000).toISOString().slice(0, 10)}`);
  });

  it('calls a relying party’s webhook with the correction, signed with its secret, retrying after failures', async () => {
    const receiver = await startReceiver([500, 503, 200]);
    try {
      const { secret } = await call('PUT', '/v1/relying-party/webhook', 'relying_party', 'air-china', {
        url: receiver.url,
      });
      const recordId = await fareEvasion('N-2');
      await call('POST', '/v1/checks', 'relying_party', 'air-china', {
        subject: { scheme: 'CN-RIC', value: MOTHER },
        action: 'air.ticket.any',
        purpose: 'ticket_sale',
      });
      const filed = await dispute(recordId);
      await call('POST', `/v1/institution/disputes/${filed['id']}:answer`, 'institution', 'sh-transport', {
        kind: 'withdraw',
        reason: 'Wrong card holder.',
      });
      for (let tries = 1; tries <= 3; tries++) {
        await until(() => receiver.calls.length >= tries);
        await attempted(receiver, tries);
        now += 60_000; // the retry is due a little later
      }
      expect(receiver.calls).toHaveLength(3);
      const last = receiver.calls[2]!;
      expect(last.headers['x-probity-signature']).toBe(
        `sha256=${createHmac('sha256', secret).update(last.body).digest('hex')}`,
      );
      expect(JSON.parse(last.body)).toMatchObject({ type: 'correction', change: 'withdrawn', disputeId: filed['id'] });
      const state = await server.registry.store.messageState(String(last.headers['x-probity-delivery']));
      expect(state).toMatchObject({ attempts: 3, deadAt: null });
      expect(state!.deliveredAt).not.toBeNull();
    } finally {
      await receiver.close();
    }
  });

  it('dead-letters a webhook that keeps failing', async () => {
    const receiver = await startReceiver([500]);
    try {
      await call('PUT', '/v1/relying-party/webhook', 'relying_party', 'air-china', { url: receiver.url });
      const recordId = await fareEvasion('N-3');
      const filed = await dispute(recordId);
      await call('POST', `/v1/institution/disputes/${filed['id']}:answer`, 'institution', 'sh-transport', {
        kind: 'withdraw',
        reason: 'Wrong card holder.',
      });
      for (let tries = 1; tries <= MAX_ATTEMPTS; tries++) {
        await until(() => receiver.calls.length >= tries);
        await attempted(receiver, tries);
        now += 2 * 3_600_000;
      }
      const id = String(receiver.calls[0]!.headers['x-probity-delivery']);
      await until(async () => (await server.registry.store.messageState(id))?.deadAt !== null);
      expect(await server.registry.store.messageState(id)).toMatchObject({
        attempts: MAX_ATTEMPTS,
        deliveredAt: null,
        lastError: 'the webhook answered 500',
      });
      now += 24 * 3_600_000;
      await new Promise((r) => setTimeout(r, 700));
      expect(receiver.calls).toHaveLength(MAX_ATTEMPTS);
    } finally {
      await receiver.close();
    }
  }, 60_000);

  it('puts no machine code or id in any e-mail sent above, to a person or to an institution', () => {
    expect(mailbox.mails.length).toBeGreaterThan(4);
    for (const mail of mailbox.mails) expect(machineCodesIn(`${mail.subject}\n${mail.text}`), mail.subject).toEqual([]);
  });
});
