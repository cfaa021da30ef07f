import { Inject, Injectable, Logger } from '@nestjs/common';
import type { NodemailerError, Transporter } from 'nodemailer';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@pk/core';
import { returned } from '@pk/database';

/** How many notifications one claim takes, and how many claims one run makes at most. */
const BATCH = 20;
const MAX_BATCHES = 10;
/** An email about an order older than this is no longer worth sending (nor scanning for). */
export const MAIL_MAX_AGE_SECONDS = 3 * 24 * 3600;
/** After the n-th failed attempt the next one waits 10 s · 2^(n-1), at most an hour. */
const RETRY_BASE_SECONDS = 10;
const RETRY_MAX_SECONDS = 3600;

export interface MailRow {
  id: string;
  title: string;
  body: string;
  email: string;
  /** Failed attempts so far. */
  email_attempts: number;
}

export interface MailReport {
  sent: number;
  failed: number;
}

export interface ComposedMail {
  to: string;
  subject: string;
  text: string;
  messageId: string;
  headers: Record<string, string>;
}

export function retryDelaySeconds(failures: number): number {
  return Math.min(RETRY_BASE_SECONDS * 2 ** Math.max(failures - 1, 0), RETRY_MAX_SECONDS);
}

/** The notification as a plain-text email in Indonesian, its title as the subject. */
export function composeMail(n: MailRow, from: string): ComposedMail {
  const domain = /@([^>\s]+)>?\s*$/.exec(from)?.[1] ?? 'pasarkriya.id';
  return {
    to: n.email,
    subject: n.title,
    text: [
      'Halo,',
      '',
      n.body,
      '',
      // No link: the site's public address is not known for certain here (PUBLIC_URL is optional).
      'Rinciannya ada di akun Pasar Kriya Anda, di bagian Notifikasi.',
      '',
      'Salam hangat,',
      'Pasar Kriya',
      '',
      '--',
      'Email ini dikirim otomatis untuk pemberitahuan akun Anda; mohon tidak membalas email ini.',
      '',
    ].join('\n'),
    // One Message-ID per notification: a mail client shows a resent copy as the same message.
    messageId: `<${n.id}@${domain}>`,
    // Tells auto-responders (out-of-office replies) not to answer.
    headers: { 'Auto-Submitted': 'auto-generated' },
  };
}

/**
 * A refusal that sending the same message again would only repeat: the server rejected this
 * recipient or this message for good. Other permanent replies (authentication, the sender) are
 * the server's configuration, worth retrying once it is fixed.
 */
export function refusedForGood(error: NodemailerError): boolean {
  return error.permanent === true && aboutTheMessage(error);
}

/** The server answered about this recipient or this message, so others may still go through. */
export function aboutTheMessage(error: NodemailerError): boolean {
  return error.responseCode !== undefined && /^(RCPT|DATA)/i.test(error.command ?? '');
}

/**
 * Emails notifications to users whose address orders knows (orders.recipients), when SMTP_URL is
 * set. Each notification is claimed before it is sent and released only when its send failed or
 * never started, so no two runs send it and it is never sent twice; a run that dies mid-send
 * leaves its claim, and that one notification is not emailed (it is still listed in the app).
 */
@Injectable()
export class Mailer {
  private readonly logger = new Logger(Mailer.name);
  // Not pooled: a connection per message, so nothing stays open between runs or at shutdown.
  private readonly transport: Transporter | null;

  constructor(
    private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    const url = config.orders.smtpUrl;
    this.transport = url
      ? // nodemailer (about 12 MB resident) is loaded only when SMTP_URL is set.
        (require('nodemailer') as typeof import('nodemailer')).createTransport(
          { url, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 },
          { from: config.orders.mailFrom },
        )
      : null;
  }

  get enabled(): boolean {
    return this.transport !== null;
  }

  /**
   * Sends what is due now: never emailed, recipient known, not waiting for a retry. A failure
   * that is not about one message (the server unreachable or refusing the connection, the login
   * or the sender) ends the run: the rest are released untried, for the next run.
   */
  async sendDue(): Promise<MailReport> {
    const report: MailReport = { sent: 0, failed: 0 };
    if (!this.transport) return report;
    for (let i = 0; i < MAX_BATCHES; i++) {
      const claimed = await this.claim();
      // Only rows not yet handed to SMTP may be released: one in flight may have been sent.
      const untried = new Set(claimed.map((n) => n.id));
      let serverDown = false;
      try {
        for (const n of claimed) {
          untried.delete(n.id);
          const outcome = await this.send(n);
          if (outcome === 'sent') report.sent++;
          else report.failed++;
          if (outcome === 'server-failed') {
            serverDown = true;
            break;
          }
        }
      } finally {
        if (untried.size) await this.release([...untried]);
      }
      if (serverDown || claimed.length < BATCH) break;
    }
    if (report.sent || report.failed) this.logger.log(`mail: ${JSON.stringify(report)}`);
    return report;
  }

  private async claim(): Promise<MailRow[]> {
    return returned<MailRow>(
      await this.db.query(
        `UPDATE orders.notifications n SET email_claimed_at = now()
         FROM orders.recipients r
         WHERE r.user_id = n.user_id AND n.emailed_at IS NULL AND n.email_claimed_at IS NULL
           AND n.id IN (
             SELECT d.id FROM orders.notifications d JOIN orders.recipients dr ON dr.user_id = d.user_id
             WHERE d.emailed_at IS NULL AND d.email_claimed_at IS NULL
               AND (d.email_next_at IS NULL OR d.email_next_at <= now())
               AND d.created_at > now() - make_interval(secs => $1)
             ORDER BY d.created_at LIMIT $2 FOR UPDATE OF d SKIP LOCKED)
         RETURNING n.id, n.title, n.body, r.email, n.email_attempts`,
        [MAIL_MAX_AGE_SECONDS, BATCH],
      ),
    );
  }

  private async release(ids: string[]): Promise<void> {
    await this.db.query(`UPDATE orders.notifications SET email_claimed_at = NULL WHERE id = ANY($1::uuid[]) AND emailed_at IS NULL`, [ids]);
  }

  private async send(n: MailRow): Promise<'sent' | 'message-failed' | 'server-failed'> {
    try {
      await this.transport!.sendMail(composeMail(n, this.config.orders.mailFrom));
    } catch (error) {
      const e = error as NodemailerError;
      const givenUp = refusedForGood(e);
      this.logger.warn(`could not email notification ${n.id}${givenUp ? ' (refused for good)' : ' (will retry)'}: ${e.message}`);
      // Released for a later run, after a backoff; a recipient refused for good is not tried again.
      await this.db.query(
        `UPDATE orders.notifications SET email_claimed_at = NULL, email_attempts = email_attempts + 1, email_error = $2,
           email_next_at = CASE WHEN $3 THEN 'infinity'::timestamptz ELSE now() + make_interval(secs => $4) END
         WHERE id = $1`,
        [n.id, e.message.slice(0, 500), givenUp, retryDelaySeconds(n.email_attempts + 1)],
      );
      return aboutTheMessage(e) ? 'message-failed' : 'server-failed';
    }
    await this.db.query(
      `UPDATE orders.notifications SET emailed_at = now(), email_claimed_at = NULL, email_attempts = email_attempts + 1, email_error = NULL WHERE id = $1`,
      [n.id],
    );
    return 'sent';
  }
}
