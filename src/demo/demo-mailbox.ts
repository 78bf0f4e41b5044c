import { simpleParser } from 'mailparser';
import type { AddressInfo } from 'node:net';
import { createTransport } from 'nodemailer';
import { SMTPServer } from 'smtp-server';
import type { MailTransport } from '../services/notifier.js';

/** One e-mail the demo's mail server received. */
export interface DemoMail {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  readonly receivedAt: string;
}

export interface DemoMailbox {
  /** Sends to this mailbox (what the registry's notifier uses in the demo). */
  readonly transport: MailTransport;
  /** Newest first. */
  mails(): readonly DemoMail[];
  close(): Promise<void>;
}

const KEPT = 200;

/**
 * A real SMTP server in the demo's process (`smtp-server`), so notices travel the same way
 * as in production (nodemailer over SMTP) and can be read on the demo's mailbox page.
 */
export async function startDemoMailbox(): Promise<DemoMailbox> {
  const received: DemoMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream).then((mail) => {
        const to = Array.isArray(mail.to) ? mail.to.map((a) => a.text).join(', ') : (mail.to?.text ?? '');
        received.unshift({
          to,
          subject: mail.subject ?? '',
          text: mail.text ?? '',
          receivedAt: new Date().toISOString(),
        });
        received.length = Math.min(received.length, KEPT);
        callback();
      }, callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    transport: createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true }),
    mails: () => received,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
