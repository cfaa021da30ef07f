import { SMTPServer } from 'smtp-server';
import { freePort } from './ports';

export interface ReceivedMail {
  from: string;
  to: string[];
  subject: string;
  messageId: string;
  headers: Record<string, string>;
  text: string;
}

export interface RecordingSmtp {
  port: number;
  url: string;
  /** Every message accepted, in order (kept across stop and start). */
  messages: ReceivedMail[];
  /** Stops accepting connections: senders now get "connection refused". */
  stop(): Promise<void>;
  /** Listens again on the same port. */
  start(): Promise<void>;
}

/** Soft line breaks removed, =XX bytes decoded as UTF-8. */
function quotedPrintable(body: string): string {
  const escaped = body.replace(/=\r?\n/g, '').replace(/%/g, '%25');
  return decodeURIComponent(escaped.replace(/=([0-9A-F]{2})/gi, '%$1'));
}

/** Header fields of a raw message, unfolded, names lower-cased, and its body (enough for plain-text mail). */
function parse(raw: string): { headers: Record<string, string>; text: string } {
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  const headers: Record<string, string> = {};
  for (const line of head.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  const body = raw.slice(split + 4);
  return { headers, text: /quoted-printable/i.test(headers['content-transfer-encoding'] ?? '') ? quotedPrintable(body) : body };
}

/**
 * An SMTP server in this process that records what it receives: no TLS, no authentication, on
 * a free port of 127.0.0.1, for tests of what the apps email. Recipients `refuse` names are
 * rejected with 550.
 */
export async function startRecordingSmtp(opts: { refuse?: (address: string) => boolean } = {}): Promise<RecordingSmtp> {
  const port = await freePort();
  const messages: ReceivedMail[] = [];
  let server: SMTPServer | null = null;

  const start = () =>
    new Promise<void>((resolve, reject) => {
      const s = new SMTPServer({
        authOptional: true,
        disabledCommands: ['AUTH', 'STARTTLS'],
        logger: false,
        closeTimeout: 2000,
        // A mailbox that does not exist: refused for good, as a real server answers.
        onRcptTo(address, _session, done) {
          if (!opts.refuse?.(address.address)) return done();
          done(Object.assign(new Error('5.1.1 mailbox unavailable'), { responseCode: 550 }));
        },
        onData(stream, session, done) {
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => {
            const { headers, text } = parse(Buffer.concat(chunks).toString('utf8'));
            messages.push({
              from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
              to: session.envelope.rcptTo.map((r) => r.address),
              subject: headers.subject ?? '',
              messageId: headers['message-id'] ?? '',
              headers,
              text,
            });
            done();
          });
        },
      });
      s.on('error', reject);
      s.listen(port, '127.0.0.1', () => {
        server = s;
        resolve();
      });
    });

  const stop = () =>
    new Promise<void>((resolve) => {
      const s = server;
      server = null;
      if (!s) return resolve();
      s.close(() => resolve());
    });

  await start();
  return { port, url: `smtp://127.0.0.1:${port}`, messages, stop, start };
}
