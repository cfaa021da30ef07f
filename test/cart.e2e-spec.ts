import { createHash } from 'node:crypto';
import request from 'supertest';
import { DataSource } from 'typeorm';
import type { CartLineView, CartView, ShippingOption } from '@pk/contracts';
import { DomainError, newId } from '@pk/core';
import { CartService } from '../apps/orders/src/cart/cart.service';
import { ShippingService } from '../apps/orders/src/shipping/shipping.service';
import { bootSystem, TestSystem } from './support/apps';
import { FixtureListing, insertArtisan, insertListing } from './support/catalog-fixtures';
import { queryDb } from './support/db';
import { Session, bearer, register } from './support/http';

type Line = CartLineView;
type Cart = CartView;
type Option = ShippingOption;

const linesOf = (cart: Cart): Line[] => cart.groups.flatMap((g) => g.lines);
const lineOf = (cart: Cart, variantId: string): Line | undefined => linesOf(cart).find((l) => l.variantId === variantId);
const feeOf = (options: Option[], code: string): string => options.find((o) => o.code === code)!.fee;

const bali = {
  recipient: 'Ni Made Ayu',
  phone: '0812-3456-7890',
  street: 'Jl. Raya Sidemen No. 12',
  district: 'Sidemen',
  city: 'Kabupaten Karangasem',
  province: 'bali',
  postalCode: '80864',
};
const papua = { ...bali, recipient: 'Yosef Wenda', street: 'Jl. Trikora No. 3', district: 'Wamena Kota', city: 'Kabupaten Jayawijaya', province: 'Papua Pegunungan', postalCode: '99511' };

describe('cart, address book and shipping quotes', () => {
  let sys: TestSystem;
  let artisanA: string;
  let artisanB: string;

  beforeAll(async () => {
    sys = await bootSystem('cart', { services: ['catalog', 'orders'] });
    artisanA = await insertArtisan(sys, newId(), { shopSlug: `tenun-${newId().slice(-6)}` });
    artisanB = await insertArtisan(sys, newId(), { shopSlug: `perak-${newId().slice(-6)}`, regency: 'gianyar' });
  });
  afterAll(async () => {
    await sys?.close();
  });

  const api = () => request(sys.http);
  const auth = (who: Session | { token: string }) => ('token' in who ? { 'X-Cart-Token': who.token } : bearer(who));
  const getCart = async (who: Session | { token: string }): Promise<Cart> => (await api().get('/api/v1/cart').set(auth(who)).expect(200)).body;
  const add = (who: Session | { token: string }, variantId: string, quantity: number) => api().post('/api/v1/cart/lines').set(auth(who)).send({ variantId, quantity });
  const setQty = (who: Session | { token: string }, variantId: string, quantity: number) =>
    api().patch(`/api/v1/cart/lines/${variantId}`).set(auth(who)).send({ quantity });
  const listing = (variants: Array<{ price?: bigint; stock?: number }>, opts: { artisan?: string; status?: string } = {}): Promise<FixtureListing> =>
    insertListing(sys, opts.artisan ?? artisanA, { status: opts.status, variants });

  it('adds, changes and removes lines, priced by the catalog whatever the client sends', async () => {
    const buyer = await register(sys);
    const { variants: [v1, v2] } = await listing([{ price: 350_000n }, { price: 125_000n }]);

    let cart: Cart = (await add(buyer, v1.id, 2).expect(200)).body;
    expect(cart.anonymous).toBe(false);
    expect(lineOf(cart, v1.id)).toMatchObject({ quantity: 2, unitPrice: '350000', lineTotal: '700000', priceChanged: null, unavailable: false });
    expect(cart.groups).toHaveLength(1);
    expect(cart.groups[0]).toMatchObject({ artisanId: artisanA, shopName: expect.stringMatching(/^Toko tenun-/) });

    // Adding the same variant again adds to its line.
    cart = (await add(buyer, v1.id, 1).expect(200)).body;
    cart = (await add(buyer, v2.id, 4).expect(200)).body;
    expect(linesOf(cart).map((l) => [l.variantId, l.quantity])).toEqual([[v1.id, 3], [v2.id, 4]]);
    expect(cart.totals).toEqual({ lines: 2, items: 7, goods: String(3 * 350_000 + 4 * 125_000) });
    expect(cart.checkoutReady).toBe(true);

    // A price from the client is not a field the cart takes.
    const priced = await api().post('/api/v1/cart/lines').set(bearer(buyer)).send({ variantId: v1.id, quantity: 1, unitPrice: '1' }).expect(400);
    expect(priced.body.error.code).toBe('validation_failed');

    cart = (await setQty(buyer, v2.id, 1).expect(200)).body;
    expect(lineOf(cart, v2.id)!.quantity).toBe(1);
    cart = (await api().delete(`/api/v1/cart/lines/${v1.id}`).set(bearer(buyer)).expect(200)).body;
    expect(linesOf(cart).map((l) => l.variantId)).toEqual([v2.id]);
    expect(cart.totals.goods).toBe('125000');

    // What was stored: one line, at the price seen, in the buyer's own cart.
    const rows = await queryDb(sys, `SELECT l.variant_id, l.quantity, l.seen_price::text FROM orders.cart_lines l JOIN orders.carts c ON c.id = l.cart_id WHERE c.buyer_id = $1`, [buyer.user.id]);
    expect(rows).toEqual([{ variant_id: v2.id, quantity: 1, seen_price: '125000' }]);

    const again = await api().delete(`/api/v1/cart/lines/${v1.id}`).set(bearer(buyer)).expect(404);
    expect(again.body.error.code).toBe('not_found');
    await setQty(buyer, v1.id, 2).expect(404);
    await api().patch('/api/v1/cart/lines/not-a-uuid').set(bearer(buyer)).send({ quantity: 1 }).expect(400);
  });

  it('holds 1–20 per line and 50 lines, refuses more than the stock and what is not on sale', async () => {
    const buyer = await register(sys);
    const { variants: [v, few] } = await listing([{ stock: 100 }, { stock: 3 }]);

    for (const quantity of [0, 21, 1.5, '2', -1]) {
      const res = await api().post('/api/v1/cart/lines').set(bearer(buyer)).send({ variantId: v.id, quantity }).expect(400);
      expect(res.body.error.details.map((d: { field: string }) => d.field)).toEqual(['quantity']);
    }
    await add(buyer, v.id, 15).expect(200);
    const over = await add(buyer, v.id, 6).expect(400);
    expect(over.body.error.details[0]).toEqual({ field: 'quantity', messages: ['at most 20 of one variant in a cart; 15 already there'] });
    await setQty(buyer, v.id, 21).expect(400);
    await setQty(buyer, v.id, 20).expect(200);

    const short = await add(buyer, few.id, 4).expect(409);
    expect(short.body.error.code).toBe('insufficient_stock');
    expect(short.body.error.message).toMatch(/only 3 in stock/);
    expect(short.body.error.details).toEqual([{ variantId: few.id, sku: few.sku, requested: 4, available: 3 }]);
    await add(buyer, few.id, 3).expect(200);
    expect((await setQty(buyer, few.id, 4).expect(409)).body.error.details[0].available).toBe(3);

    const { variants: [draft] } = await listing([{}], { status: 'draft' });
    expect((await add(buyer, draft.id, 1).expect(409)).body.error.code).toBe('not_purchasable');
    const suspended = await insertArtisan(sys, newId(), { status: 'suspended' });
    const { variants: [ofSuspended] } = await listing([{}], { artisan: suspended });
    expect((await add(buyer, ofSuspended.id, 1).expect(409)).body.error.code).toBe('not_purchasable');
    expect((await add(buyer, newId(), 1).expect(404)).body.error.code).toBe('not_found');

    // 50 lines at most, also when the adds race: of 50 more variants, 48 fit beside the 2 lines.
    const many = await listing(Array.from({ length: 50 }, () => ({ stock: 5 })));
    const outcomes = await Promise.all(many.variants.map((m) => add(buyer, m.id, 1)));
    expect(outcomes.filter((r) => r.status === 200)).toHaveLength(48);
    const refused = outcomes.filter((r) => r.status !== 200);
    expect(refused.map((r) => [r.status, r.body.error.code])).toEqual([[409, 'conflict'], [409, 'conflict']]);
    expect((await getCart(buyer)).totals.lines).toBe(50);
  });

  it('re-checks every line on reading: price changed, out of stock, short of stock, unpublished, gone', async () => {
    const buyer = await register(sys);
    const { id: listingId, variants: [priced, sold, short] } = await listing([{ price: 350_000n }, { stock: 4 }, { stock: 5 }]);
    const { id: hiddenId, variants: [hidden] } = await listing([{}]);
    const { variants: [gone] } = await listing([{}]);
    for (const [id, q] of [[priced.id, 2], [sold.id, 1], [short.id, 4], [hidden.id, 1], [gone.id, 1]] as const) await add(buyer, id, q).expect(200);
    expect((await getCart(buyer)).checkoutReady).toBe(true);

    await queryDb(sys, `UPDATE catalog.variants SET price = 400000 WHERE id = $1`, [priced.id]);
    await queryDb(sys, `UPDATE catalog.variants SET stock = 0 WHERE id = $1`, [sold.id]);
    await queryDb(sys, `UPDATE catalog.variants SET stock = 2 WHERE id = $1`, [short.id]);
    await queryDb(sys, `UPDATE catalog.listings SET status = 'archived' WHERE id = $1`, [hiddenId]);
    await queryDb(sys, `DELETE FROM catalog.variants WHERE id = $1`, [gone.id]);

    const cart = await getCart(buyer);
    expect(lineOf(cart, priced.id)).toMatchObject({ priceChanged: { from: '350000', to: '400000' }, unitPrice: '400000', lineTotal: '800000', outOfStock: false, unavailable: false });
    expect(lineOf(cart, sold.id)).toMatchObject({ priceChanged: null, outOfStock: true, insufficientStock: null, unavailable: false });
    expect(lineOf(cart, short.id)).toMatchObject({ outOfStock: false, insufficientStock: { available: 2 }, unavailable: false });
    expect(lineOf(cart, hidden.id)).toMatchObject({ unavailable: true });
    expect(lineOf(cart, gone.id)).toMatchObject({ unavailable: true, unitPrice: null });
    // Only what can be bought as it stands counts, at today's price.
    expect(cart.totals).toEqual({ lines: 5, items: 2, goods: '800000' });
    expect(cart.checkoutReady).toBe(false);
    expect(cart.groups.map((g) => g.shopName === null)).toEqual([false, true]);

    // Changing the line counts as having seen the new price; lowering to what is left is allowed.
    expect(lineOf((await setQty(buyer, priced.id, 1).expect(200)).body, priced.id)!.priceChanged).toBeNull();
    expect(lineOf((await setQty(buyer, short.id, 2).expect(200)).body, short.id)!.insufficientStock).toBeNull();
    await setQty(buyer, hidden.id, 2).expect(409);

    // What checkout gets: variants as they are now, and what keeps the cart from checkout.
    const carts = sys.services.get('orders')!.get(CartService);
    const { lines, problems } = await carts.forCheckout(buyer.user.id);
    expect(lines.map((l) => [l.variant.id, l.quantity, l.variant.price])).toEqual([
      [priced.id, 1, '400000'],
      [sold.id, 1, '350000'],
      [short.id, 2, '350000'],
      [hidden.id, 1, '350000'],
    ]);
    expect(lines[0].variant.listingId).toBe(listingId);
    expect(problems.map((p) => [p.variantId, p.code])).toEqual([
      [sold.id, 'out_of_stock'],
      [hidden.id, 'unavailable'],
      [gone.id, 'unavailable'],
    ]);
    const db = sys.services.get('orders')!.get(DataSource);
    await db.transaction((tx) => carts.clear(tx, buyer.user.id, [sold.id]));
    expect(linesOf(await getCart(buyer)).map((l) => l.variantId)).toEqual([priced.id, short.id, hidden.id, gone.id]);
    await db.transaction((tx) => carts.clear(tx, buyer.user.id));
    expect((await getCart(buyer)).totals.lines).toBe(0);
  });

  it('keeps an anonymous cart by token and merges it into the buyer\'s after sign-in', async () => {
    const { variants: [v1, v2, v3] } = await listing([{ price: 100_000n, stock: 50 }, { price: 200_000n, stock: 50 }, { stock: 50 }]);
    const { token } = (await api().post('/api/v1/cart/anonymous').expect(201)).body;
    expect(token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    const anon = { token };

    expect((await api().get('/api/v1/cart').expect(401)).body.error.code).toBe('unauthenticated');
    expect((await api().get('/api/v1/cart').set('X-Cart-Token', 'short').expect(400)).body.error.details[0].field).toBe('X-Cart-Token');
    await api().get('/api/v1/cart').set('Authorization', 'Bearer nonsense').expect(401);
    expect(await getCart(anon)).toMatchObject({ anonymous: true, totals: { lines: 0 } });

    await add(anon, v1.id, 2).expect(200);
    await add(anon, v2.id, 15).expect(200);
    expect((await getCart(anon)).totals).toEqual({ lines: 2, items: 17, goods: String(2 * 100_000 + 15 * 200_000) });
    // Only the token's hash is stored.
    const tokenHash = createHash('sha256').update(token).digest('hex');
    expect(await queryDb(sys, `SELECT 1 FROM orders.carts WHERE anonymous_token = $1`, [token])).toHaveLength(0);
    expect(await queryDb(sys, `SELECT 1 FROM orders.carts WHERE anonymous_token = $1`, [tokenHash])).toHaveLength(1);
    // Another anonymous cart sees none of it.
    const other = (await api().post('/api/v1/cart/anonymous').expect(201)).body;
    expect((await getCart(other)).totals.lines).toBe(0);

    const buyer = await register(sys);
    await add(buyer, v2.id, 10).expect(200);
    await add(buyer, v3.id, 1).expect(200);
    // Signed in, the token is ignored: the buyer's own cart answers until they merge.
    expect(linesOf((await api().get('/api/v1/cart').set(bearer(buyer)).set('X-Cart-Token', token).expect(200)).body).map((l) => l.variantId)).toEqual([v2.id, v3.id]);

    await api().post('/api/v1/cart/merge').send({ token }).expect(401);
    const merged = (await api().post('/api/v1/cart/merge').set(bearer(buyer)).send({ token }).expect(200)).body;
    expect(merged.merged).toEqual({ lines: 2, capped: [v2.id], dropped: [], ownListings: [] });
    // Lines keep when they were first added, so v1 (added anonymously first) leads.
    expect(linesOf(merged).map((l: Line) => [l.variantId, l.quantity])).toEqual([[v1.id, 2], [v2.id, 20], [v3.id, 1]]);
    expect(merged.anonymous).toBe(false);

    // The anonymous cart is gone; merging it again moves nothing.
    expect((await getCart(anon)).totals.lines).toBe(0);
    expect(await queryDb(sys, `SELECT 1 FROM orders.carts WHERE anonymous_token = $1`, [tokenHash])).toHaveLength(0);
    const twice = (await api().post('/api/v1/cart/merge').set(bearer(buyer)).send({ token }).expect(200)).body;
    expect(twice.merged).toEqual({ lines: 0, capped: [], dropped: [], ownListings: [] });
    expect(twice.totals.items).toBe(23);
    await api().post('/api/v1/cart/merge').set(bearer(buyer)).send({}).expect(400);
  });

  it('a buyer never sees or changes another buyer\'s cart', async () => {
    const [ketut, wayan] = await Promise.all([register(sys), register(sys)]);
    const { variants: [v] } = await listing([{}]);
    await add(ketut, v.id, 2).expect(200);

    expect((await getCart(wayan)).totals.lines).toBe(0);
    await setQty(wayan, v.id, 5).expect(404);
    await api().delete(`/api/v1/cart/lines/${v.id}`).set(bearer(wayan)).expect(404);
    // Wayan adding the same variant makes a line in Wayan's cart only.
    await add(wayan, v.id, 1).expect(200);
    expect(lineOf(await getCart(ketut), v.id)!.quantity).toBe(2);
    expect(lineOf(await getCart(wayan), v.id)!.quantity).toBe(1);
    // A cart id in the request changes nothing: the cart comes from the caller.
    const [{ id: ketutCart }] = await queryDb<{ id: string }>(sys, `SELECT id FROM orders.carts WHERE buyer_id = $1`, [ketut.user.id]);
    await api().patch(`/api/v1/cart/lines/${v.id}`).set(bearer(wayan)).send({ quantity: 3, cartId: ketutCart }).expect(400);
    expect(lineOf(await getCart(ketut), v.id)!.quantity).toBe(2);
  });

  it('keeps an address book: Indonesian fields checked, one default, only the owner, at most 20', async () => {
    const [buyer, other] = await Promise.all([register(sys), register(sys)]);
    await api().get('/api/v1/addresses').expect(401);

    const home = (await api().post('/api/v1/addresses').set(bearer(buyer)).send({ ...bali, label: 'Rumah' }).expect(201)).body;
    expect(home).toMatchObject({ label: 'Rumah', phone: '+6281234567890', province: 'Bali', postalCode: '80864', isDefault: true });
    const office = (await api().post('/api/v1/addresses').set(bearer(buyer)).send({ ...bali, label: 'Kantor', province: 'JAWA TIMUR', city: 'Kota Surabaya', district: 'Genteng', postalCode: '60275', phone: '+62 31 5312345' }).expect(201)).body;
    expect(office).toMatchObject({ province: 'Jawa Timur', phone: '+62315312345', isDefault: false });

    const bad = await api()
      .post('/api/v1/addresses')
      .set(bearer(buyer))
      .send({ ...bali, province: 'Bali Utara', phone: '12345', postalCode: '8086', street: '' })
      .expect(400);
    expect(bad.body.error.details.map((d: { field: string }) => d.field).sort()).toEqual(['phone', 'postalCode', 'province', 'street']);
    expect((await api().post('/api/v1/addresses').set(bearer(buyer)).send({ ...bali, buyerId: other.user.id }).expect(400)).body.error.code).toBe('validation_failed');

    // Making the office the default takes it from home; the default is listed first.
    const moved = (await api().patch(`/api/v1/addresses/${office.id}`).set(bearer(buyer)).send({ isDefault: true, recipient: 'Komang Sari' }).expect(200)).body;
    expect(moved).toMatchObject({ isDefault: true, recipient: 'Komang Sari', city: 'Kota Surabaya' });
    let list = (await api().get('/api/v1/addresses').set(bearer(buyer)).expect(200)).body.items;
    expect(list.map((a: { id: string; isDefault: boolean }) => [a.id, a.isDefault])).toEqual([[office.id, true], [home.id, false]]);
    await api().patch(`/api/v1/addresses/${home.id}`).set(bearer(buyer)).send({ postalCode: '123' }).expect(400);

    // Someone else's address is not found, whatever they try.
    expect((await api().get('/api/v1/addresses').set(bearer(other)).expect(200)).body.items).toEqual([]);
    await api().patch(`/api/v1/addresses/${home.id}`).set(bearer(other)).send({ recipient: 'Pencuri' }).expect(404);
    await api().delete(`/api/v1/addresses/${home.id}`).set(bearer(other)).expect(404);

    // Deleting the default hands it to the newest remaining address.
    await api().delete(`/api/v1/addresses/${office.id}`).set(bearer(buyer)).expect(204);
    list = (await api().get('/api/v1/addresses').set(bearer(buyer)).expect(200)).body.items;
    expect(list).toEqual([expect.objectContaining({ id: home.id, isDefault: true, recipient: 'Ni Made Ayu' })]);

    // 20 at most, also when the creates race.
    const outcomes = await Promise.all(Array.from({ length: 20 }, (_, i) => api().post('/api/v1/addresses').set(bearer(buyer)).send({ ...bali, label: `Alamat ${i}` })));
    expect(outcomes.filter((r) => r.status === 201)).toHaveLength(19);
    expect(outcomes.filter((r) => r.status === 409).map((r) => r.body.error.details)).toEqual([{ limit: 20 }]);
    const [{ n, defaults }] = await queryDb<{ n: number; defaults: number }>(sys, `SELECT count(*)::int AS n, count(*) FILTER (WHERE is_default)::int AS defaults FROM orders.addresses WHERE buyer_id = $1`, [buyer.user.id]);
    expect([n, defaults]).toEqual([20, 1]);
  });

  it('quotes shipping by zone and weight: Bali cheaper than Papua, heavier costs more, pickup free', async () => {
    const estimate = async (province: string, weightGrams: number): Promise<Option[]> =>
      (await api().post('/api/v1/shipping/quote').send({ province, weightGrams }).expect(200)).body.options;

    const toBali = await estimate('Bali', 450);
    expect(toBali[0]).toMatchObject({ code: 'pickup', fee: '0' });
    expect(toBali.map((o) => Number(o.fee))).toEqual([...toBali.map((o) => Number(o.fee))].sort((a, b) => a - b));
    expect(toBali.map((o) => o.code).sort()).toEqual(['J&T:EZ', 'JNE:REG', 'JNE:YES', 'POS:Kilat Khusus', 'SiCepat:BEST', 'SiCepat:REG', 'pickup']);
    expect(feeOf(toBali, 'JNE:REG')).toBe('10000');
    const toPapua = await estimate('papua', 450);
    for (const o of toBali.filter((x) => x.code !== 'pickup')) expect(Number(feeOf(toPapua, o.code))).toBeGreaterThan(Number(o.fee));
    expect(feeOf(toPapua, 'pickup')).toBe('0');
    // 2.5 kg bills three kilograms: 10.000 + 2 × 8.000.
    expect(feeOf(await estimate('Bali', 2500), 'JNE:REG')).toBe('26000');
    expect(feeOf(await estimate('Banten', 1000), 'JNE:REG')).toBe('19000');
    expect((await api().post('/api/v1/shipping/quote').send({ province: 'Atlantis', weightGrams: 100 }).expect(400)).body.error.details[0].field).toBe('province');
    // The provinces an address may name, for forms: all 38, each one a quote accepts.
    const { provinces } = (await api().get('/api/v1/shipping/provinces').expect(200)).body as { provinces: string[] };
    expect(provinces).toHaveLength(38);
    expect(provinces).toEqual(expect.arrayContaining(['Bali', 'DKI Jakarta', 'Papua Pegunungan']));
    for (const province of provinces) await api().post('/api/v1/shipping/quote').send({ province, weightGrams: 100 }).expect(200);

    // The buyer's cart: one shipment per artisan, weight = Σ quantity × weight (450 g a piece here).
    const buyer = await register(sys);
    const { variants: [a] } = await listing([{}]);
    const { variants: [b] } = await listing([{}], { artisan: artisanB });
    const { id: hiddenId, variants: [hidden] } = await listing([{}]);
    await add(buyer, a.id, 3).expect(200);
    await add(buyer, b.id, 1).expect(200);
    await add(buyer, hidden.id, 5).expect(200);
    await queryDb(sys, `UPDATE catalog.listings SET status = 'archived' WHERE id = $1`, [hiddenId]);
    const home = (await api().post('/api/v1/addresses').set(bearer(buyer)).send(bali).expect(201)).body;
    const far = (await api().post('/api/v1/addresses').set(bearer(buyer)).send(papua).expect(201)).body;

    const quote = async (addressId: string) => (await api().post('/api/v1/shipping/quote').set(bearer(buyer)).send({ addressId }).expect(200)).body;
    const near = await quote(home.id);
    expect(near.zone).toBe('bali');
    expect(near.shipments.map((s: { artisanId: string; weightGrams: number; items: number; goods: string }) => [s.artisanId, s.weightGrams, s.items, s.goods])).toEqual([
      [artisanA, 1350, 3, '1050000'],
      [artisanB, 450, 1, '350000'],
    ]);
    expect(near.shipments.map((s: { options: Option[] }) => feeOf(s.options, 'JNE:REG'))).toEqual(['18000', '10000']);
    const away = await quote(far.id);
    expect(away.zone).toBe('east');
    expect(away.shipments.map((s: { options: Option[] }) => feeOf(s.options, 'JNE:REG'))).toEqual(['148000', '78000']);
    expect(away.shipments[0].options[0]).toMatchObject({ code: 'pickup', fee: '0' });

    const other = await register(sys);
    await api().post('/api/v1/shipping/quote').set(bearer(other)).send({ addressId: home.id }).expect(404);
    await api().post('/api/v1/shipping/quote').send({ addressId: home.id }).expect(401);

    // For checkout: the fee of a chosen option, and an unknown one refused naming the shipment.
    const shipping = sys.services.get('orders')!.get(ShippingService);
    expect(await shipping.fee('JNE:REG', 'Bali', 1350)).toBe(18000n);
    expect(await shipping.fee('pickup', 'Papua Barat', 9000)).toBe(0n);
    const refused = await shipping.fee('GOJEK:INSTANT', 'Bali', 1350, { name: 'the shipment from Toko Tenun', field: 'shipments.0.shippingCode' }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(DomainError);
    expect((refused as DomainError).code).toBe('validation_failed');
    expect((refused as DomainError).details).toEqual([
      { field: 'shipments.0.shippingCode', messages: [expect.stringMatching(/^no shipping option "GOJEK:INSTANT" for the shipment from Toko Tenun; choose one of: pickup, /)] },
    ]);
  });
});
