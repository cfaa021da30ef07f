import { NodemailerError } from 'nodemailer';
import { DataSource } from 'typeorm';
import { AppConfig, loadConfig } from '@pk/core';
import { MailProcessor } from './mail.processor';
import { Mailer, aboutTheMessage, composeMail, refusedForGood, retryDelaySeconds } from './mailer';

const row = { id: '0193a0d4-0000-7000-8000-000000000001', title: 'Pembayaran PK-2026-000123 diterima', body: 'Terima kasih! Rp 150.000 sudah kami terima.', email: 'putu@example.com', email_attempts: 0 };

describe('a notification as an email', () => {
  it('has the title as the subject, the body in Indonesian plain text, and a Message-ID of its own', () => {
    const mail = composeMail(row, 'Pasar Kriya <pesanan@pasarkriya.id>');
    expect(mail).toMatchObject({ to: 'putu@example.com', subject: 'Pembayaran PK-2026-000123 diterima', messageId: `<${row.id}@pasarkriya.id>` });
    expect(mail.text.split('\n').slice(0, 3)).toEqual(['Halo,', '', 'Terima kasih! Rp 150.000 sudah kami terima.']);
    expect(mail.text).toContain('mohon tidak membalas');
    expect(mail.headers['Auto-Submitted']).toBe('auto-generated');
  });

  it('takes the Message-ID domain from a bare MAIL_FROM address too', () => {
    expect(composeMail(row, 'no-reply@kriya.example').messageId).toBe(`<${row.id}@kriya.example>`);
  });
});

describe('when a failed email is tried again', () => {
  it('waits 10 s after the first failure, doubling, at most an hour', () => {
    expect([1, 2, 3, 4, 5].map(retryDelaySeconds)).toEqual([10, 20, 40, 80, 160]);
    expect(retryDelaySeconds(9)).toBe(2560);
    expect(retryDelaySeconds(10)).toBe(3600);
    expect(retryDelaySeconds(40)).toBe(3600);
  });

  it('gives up only when the server refused the recipient or the message for good', () => {
    const err = (fields: Partial<NodemailerError>) => Object.assign(new Error('x'), fields) as NodemailerError;
    expect(refusedForGood(err({ command: 'RCPT TO', responseCode: 550, permanent: true }))).toBe(true);
    expect(refusedForGood(err({ command: 'DATA', responseCode: 554, permanent: true }))).toBe(true);
    expect(refusedForGood(err({ command: 'RCPT TO', responseCode: 450, permanent: false }))).toBe(false);
    // the server's own configuration (credentials, the sender): worth retrying once fixed
    expect(refusedForGood(err({ command: 'AUTH PLAIN', responseCode: 535, permanent: true }))).toBe(false);
    expect(refusedForGood(err({ command: 'MAIL FROM', responseCode: 550, permanent: true }))).toBe(false);
    // no SMTP reply at all
    expect(refusedForGood(err({ code: 'ESOCKET', command: 'CONN' }))).toBe(false);
  });

  it('goes on with the other notifications only when the failure was about this one', () => {
    const err = (fields: Partial<NodemailerError>) => Object.assign(new Error('x'), fields) as NodemailerError;
    expect(aboutTheMessage(err({ command: 'RCPT TO', responseCode: 450, permanent: false }))).toBe(true);
    expect(aboutTheMessage(err({ command: 'DATA', responseCode: 552, permanent: true }))).toBe(true);
    expect(aboutTheMessage(err({ code: 'ESOCKET', command: 'CONN', originalCode: 'ECONNREFUSED' }))).toBe(false);
    expect(aboutTheMessage(err({ code: 'ETIMEDOUT', command: 'CONN' }))).toBe(false);
    expect(aboutTheMessage(err({ command: 'AUTH PLAIN', responseCode: 535, permanent: true }))).toBe(false);
  });
});

describe('without SMTP_URL', () => {
  const config: AppConfig = loadConfig({ NODE_ENV: 'test', SMTP_URL: '' });
  // Any database or Redis use would fail this test.
  const db = new Proxy({}, { get: () => { throw new Error('the database was touched'); } }) as DataSource;

  it('sends nothing and reads nothing', async () => {
    const mailer = new Mailer(db, config);
    expect(mailer.enabled).toBe(false);
    await expect(mailer.sendDue()).resolves.toEqual({ sent: 0, failed: 0 });
  });

  it('schedules nothing, even with workers on', async () => {
    expect(config.workers).toBe(true);
    const processor = new MailProcessor(config, new Mailer(db, config));
    processor.onApplicationBootstrap();
    expect(processor.active).toBe(false);
    await processor.beforeApplicationShutdown();
  });

  it('is enabled by an SMTP_URL', () => {
    expect(new Mailer(db, loadConfig({ NODE_ENV: 'test', SMTP_URL: 'smtp://127.0.0.1:2525' })).enabled).toBe(true);
  });
});
