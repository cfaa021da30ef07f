import request from 'supertest';
import { newId } from '@pk/core';
import { MAIL_EVERY_MS } from '../apps/orders/src/notifications/mail.processor';
import { TestSystem, bootSystem } from './support/apps';
import { insertArtisan, insertListing } from './support/catalog-fixtures';
import { queryDb } from './support/db';
import { eventually } from './support/eventually';
import { Session, bearer, register, uniqueEmail } from './support/http';
import {
  Artisan,
  BALI_ADDRESS,
  Buyer,
  OrderDetail,
  checkoutBody,
  checkoutOk,
  confirmTransfer,
  fillCart,
  newArtisan,
  newBuyer,
  newCurator,
  notificationsOf,
  waitForStatus,
} from './support/orders';
import { RecordingSmtp, startRecordingSmtp } from './support/smtp-server';

const MAIL_FROM = 'Pasar Kriya <pesanan@pasarkriya.id>';

interface NotificationRow {
  id: string;
  user_id: string;
  kind: string;
  title: string;
  emailed_at: Date | null;
  email_attempts: number;
  email_error: string | null;
}

describe('notifications by email (SMTP_URL set)', () => {
  let smtp: RecordingSmtp;
  let sys: TestSystem;
  let buyer: Buyer;
  let curator: Session;
  let artisan: Artisan;
  // A shop whose owner never registered through the gateway: orders knows no email for them.
  let unknownOwner: string;
  let unknownShop: string;
  let variantOfArtisan: string;
  let variantOfUnknown: string;

  beforeAll(async () => {
    smtp = await startRecordingSmtp({ refuse: (address) => address.startsWith('ditolak.') });
    sys = await bootSystem('mailnotif', { services: ['catalog', 'orders', 'payments'], env: { SMTP_URL: smtp.url, MAIL_FROM } });
    curator = await newCurator(sys);
    artisan = await newArtisan(sys);
    unknownOwner = newId();
    unknownShop = await insertArtisan(sys, unknownOwner);
    variantOfArtisan = (await insertListing(sys, artisan.artisanId, { variants: [{ price: 150_000n, stock: 5 }] })).variants[0].id;
    variantOfUnknown = (await insertListing(sys, unknownShop, { variants: [{ price: 250_000n, stock: 5 }] })).variants[0].id;
    buyer = await newBuyer(sys);
  });

  afterAll(async () => {
    await sys?.close();
    await smtp?.stop();
  });

  const notificationRows = (userId: string) =>
    queryDb<NotificationRow>(sys, `SELECT id, user_id, kind, title, emailed_at, email_attempts, email_error FROM orders.notifications WHERE user_id = $1 ORDER BY created_at`, [userId]);

  async function paidOrder(who: Buyer = buyer): Promise<OrderDetail> {
    await fillCart(sys, who, [{ variantId: variantOfArtisan, quantity: 1 }, { variantId: variantOfUnknown, quantity: 1 }]);
    const { order, payment } = await checkoutOk(sys, who, checkoutBody(who, { [artisan.artisanId]: 'JNE:REG', [unknownShop]: 'pickup' }));
    await confirmTransfer(sys, curator, payment.id);
    return waitForStatus(sys, who.session, order.id, 'paid');
  }

  const mailsTo = (email: string) => smtp.messages.filter((m) => m.to.includes(email));

  it('remembers the email of each user who registers (user.registered reaches orders)', async () => {
    const rows = await eventually(async () => {
      const found = await queryDb<{ user_id: string; email: string }>(sys, `SELECT user_id, email FROM orders.recipients WHERE user_id = ANY($1::uuid[])`, [
        [buyer.session.user.id, artisan.session.user.id, curator.user.id],
      ]);
      expect(found).toHaveLength(3);
      return found;
    });
    expect(Object.fromEntries(rows.map((r) => [r.user_id, r.email]))).toEqual({
      [buyer.session.user.id]: buyer.session.user.email,
      [artisan.session.user.id]: artisan.session.user.email,
      [curator.user.id]: curator.user.email,
    });
  });

  it('emails the buyer once when the order is paid, with the notification title as the subject', async () => {
    const order = await paidOrder();

    const [toBuyer] = await eventually(() => {
      const mails = mailsTo(buyer.session.user.email);
      expect(mails).toHaveLength(1);
      return mails;
    }, { timeoutMs: 20_000, intervalMs: 100 });

    // The same notification the buyer sees in the app.
    const listed = await notificationsOf(sys, buyer.session);
    const paid = listed.filter((n) => n.kind === 'order.paid');
    expect(paid).toHaveLength(1);
    expect(paid[0].title).toBe(`Pembayaran ${order.number} diterima`);
    expect(paid[0].data.orderId).toBe(order.id);

    expect(toBuyer.subject).toBe(paid[0].title);
    expect(toBuyer.to).toEqual([buyer.session.user.email]);
    expect(toBuyer.headers.from).toBe(MAIL_FROM);
    expect(toBuyer.from).toBe('pesanan@pasarkriya.id');
    expect(toBuyer.headers['content-type']).toMatch(/^text\/plain/);
    expect(toBuyer.messageId).toBe(`<${paid[0].id}@pasarkriya.id>`);
    expect(toBuyer.text).toContain(paid[0].body);
    expect(toBuyer.text).toContain('Halo,');

    const [row] = await notificationRows(buyer.session.user.id);
    expect(row).toMatchObject({ id: paid[0].id, email_attempts: 1, email_error: null });
    expect(row.emailed_at).not.toBeNull();

    // The artisan (a registered user) hears of the new order by email too; the shop whose owner
    // orders knows no email for is not mailed, and its notification stays listed but unsent.
    await eventually(() => expect(mailsTo(artisan.session.user.email).map((m) => m.subject)).toEqual([`Pesanan baru ${order.number}`]), { timeoutMs: 20_000 });
    const unknown = await notificationRows(unknownOwner);
    expect(unknown.map((n) => [n.kind, n.emailed_at, n.email_attempts])).toEqual([['shipment.paid', null, 0]]);
    expect(smtp.messages).toHaveLength(2);
  }, 60_000);

  it('retries while the SMTP server is down and sends once it is back', async () => {
    await smtp.stop();
    const order = await paidOrder();
    const title = `Pembayaran ${order.number} diterima`;

    // At least one attempt failed and was recorded; nothing was sent.
    const failed = await eventually(async () => {
      const row = (await notificationRows(buyer.session.user.id)).find((n) => n.title === title);
      expect(row).toBeDefined();
      expect(row!.email_attempts).toBeGreaterThanOrEqual(1);
      return row!;
    }, { timeoutMs: 20_000, intervalMs: 200 });
    expect(failed.emailed_at).toBeNull();
    expect(failed.email_error).toMatch(/ECONNREFUSED/);
    expect(mailsTo(buyer.session.user.email)).toHaveLength(1);

    await smtp.start();
    const second = await eventually(() => {
      const mails = mailsTo(buyer.session.user.email);
      expect(mails.map((m) => m.subject)).toEqual([expect.stringMatching(/^Pembayaran PK-/), title]);
      return mails[1];
    }, { timeoutMs: 40_000, intervalMs: 200 });
    expect(second.messageId).toBe(`<${failed.id}@pasarkriya.id>`);

    const after = (await notificationRows(buyer.session.user.id)).find((n) => n.id === failed.id)!;
    expect(after.emailed_at).not.toBeNull();
    expect(after.email_error).toBeNull();
    expect(after.email_attempts).toBeGreaterThanOrEqual(2);

    // The GET lists both paid notifications, newest first.
    const listed = (await notificationsOf(sys, buyer.session)).filter((n) => n.kind === 'order.paid');
    expect(listed.map((n) => n.title)).toEqual([title, mailsTo(buyer.session.user.email)[0].subject]);

    // The artisan's notification of the same order also went out after the restart.
    await eventually(() => expect(mailsTo(artisan.session.user.email).map((m) => m.subject)).toContain(`Pesanan baru ${order.number}`), { timeoutMs: 40_000, intervalMs: 200 });
  }, 120_000);

  it('stops trying an address the server refuses for good', async () => {
    const session = await register(sys, { email: uniqueEmail('ditolak') });
    const address = await request(sys.http).post('/api/v1/addresses').set(bearer(session)).send(BALI_ADDRESS).expect(201);
    const refused: Buyer = { session, addressId: address.body.id };
    await eventually(async () => expect(await queryDb(sys, `SELECT 1 FROM orders.recipients WHERE user_id = $1`, [session.user.id])).toHaveLength(1));
    await paidOrder(refused);
    const [row] = await eventually(async () => {
      const rows = await notificationRows(session.user.id);
      expect(rows.map((n) => n.email_attempts)).toEqual([1]);
      return rows;
    }, { timeoutMs: 20_000, intervalMs: 200 });
    expect(row.emailed_at).toBeNull();
    expect(row.email_error).toMatch(/550/);
    const [{ next }] = await queryDb<{ next: string }>(sys, `SELECT email_next_at::text AS next FROM orders.notifications WHERE id = $1`, [row.id]);
    expect(next).toBe('infinity');
  }, 60_000);

  it('never sends one notification twice', async () => {
    // Several more runs of the mailer find nothing left to send.
    await new Promise((resolve) => setTimeout(resolve, 3 * MAIL_EVERY_MS));
    const ids = smtp.messages.map((m) => m.messageId);
    expect(new Set(ids).size).toBe(ids.length);
    // two to the buyer, three to the artisan (one per order), none to the address refused for good
    expect(smtp.messages).toHaveLength(5);
    expect(smtp.messages.filter((m) => m.to.some((to) => to.startsWith('ditolak.')))).toHaveLength(0);
    const [refused] = await queryDb<{ email_attempts: number }>(sys, `SELECT n.email_attempts FROM orders.notifications n JOIN orders.recipients r USING (user_id) WHERE r.email LIKE 'ditolak.%'`);
    expect(refused.email_attempts).toBe(1);
    const emailed = await queryDb<{ id: string }>(sys, `SELECT id FROM orders.notifications WHERE emailed_at IS NOT NULL`);
    expect(emailed.map((n) => `<${n.id}@pasarkriya.id>`).sort()).toEqual([...ids].sort());
    // Every claim was settled: sent, or released for a retry (none left stuck as if in flight).
    expect(await queryDb(sys, `SELECT id FROM orders.notifications WHERE email_claimed_at IS NOT NULL`)).toEqual([]);
  }, 60_000);
});
