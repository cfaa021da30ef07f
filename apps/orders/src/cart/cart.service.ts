import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { CatalogPatterns, MergeReport, RpcEnvelope, Services, VariantInfo, VariantsLookupReply } from '@pk/contracts';
import { DomainError, ErrorCode, newId, parseInput, userOrAnonymous } from '@pk/core';
import { ServiceClients } from '@pk/messaging';
import { cartTokenSchema, hashCartToken, newCartToken } from './cart-token';
import { CART_LIMITS, CartLineRow, CartProblem, CartView, cartProblems, cartView } from './cart-view';
import { cartAddInput as addInput, cartMergeInput as mergeInput, cartRemoveInput as removeInput, cartSetInput as setInput } from '@pk/contracts/requests/orders';

/** Whose cart: the signed-in buyer's, or an anonymous one by the hash of its token. */
export type CartOwner = { buyerId: string } | { tokenHash: string };

/** A line as checkout takes it: the catalog's variant now, and the price the buyer last saw. */
export interface CheckoutLine {
  variant: VariantInfo;
  quantity: number;
  seenPrice: string;
}

/** The cart of whoever calls: never found from an id in the request. */
export function cartOwner(env: Pick<RpcEnvelope, 'caller' | 'data'>): CartOwner {
  const buyer = userOrAnonymous(env);
  if (buyer) return { buyerId: buyer.userId };
  const sent = (env.data as { token?: unknown } | null)?.token;
  if (sent === undefined || sent === null || sent === '') {
    throw new DomainError(ErrorCode.unauthenticated, 'Sign in, or send the X-Cart-Token header of an anonymous cart (POST /api/v1/cart/anonymous gives one).');
  }
  const parsed = cartTokenSchema.safeParse(sent);
  if (!parsed.success) {
    throw new DomainError(ErrorCode.validationFailed, 'Please correct: X-Cart-Token.', [
      { field: 'X-Cart-Token', messages: parsed.error.issues.map((i) => i.message) },
    ]);
  }
  return { tokenHash: hashCartToken(parsed.data) };
}

const ownerWhere = (owner: CartOwner): [string, string] =>
  'buyerId' in owner ? ['buyer_id', owner.buyerId] : ['anonymous_token', owner.tokenHash];

/**
 * Carts, a buyer's or an anonymous one: lines of variants with quantities. Prices and stock are
 * always the catalog's (variantsLookup), read again on every view; the price the buyer last saw
 * is kept only to tell them it changed.
 */
@Injectable()
export class CartService {
  constructor(
    private readonly db: DataSource,
    private readonly clients: ServiceClients,
  ) {}

  /** A token for a new anonymous cart; its row is made on the first line, so unused tokens cost nothing. */
  createAnonymous(): { token: string } {
    return { token: newCartToken() };
  }

  async view(owner: CartOwner): Promise<CartView> {
    const cartId = await this.findCart(this.db.manager, owner);
    const rows = cartId ? await this.linesOf(this.db.manager, cartId) : [];
    return cartView(rows, await this.lookup(rows.map((r) => r.variantId)), !('buyerId' in owner));
  }

  async addLine(owner: CartOwner, data: unknown): Promise<CartView> {
    const input = parseInput(addInput, data);
    const variant = await this.purchasable(input.variantId);
    assertNotOwn(owner, variant);
    await this.db.transaction(async (tx) => {
      const cartId = await this.lockCart(tx, owner, true);
      const [existing] = await this.linesOf(tx, cartId!, [input.variantId]);
      const total = (existing?.quantity ?? 0) + input.quantity;
      if (total > CART_LIMITS.perLine) {
        throw new DomainError(ErrorCode.validationFailed, 'Please correct: quantity.', [
          { field: 'quantity', messages: [`at most ${CART_LIMITS.perLine} of one variant in a cart; ${existing!.quantity} already there`] },
        ]);
      }
      if (!existing) {
        const [{ count }] = await tx.query(`SELECT count(*)::int AS count FROM orders.cart_lines WHERE cart_id = $1`, [cartId]);
        if (count >= CART_LIMITS.lines) {
          throw new DomainError(ErrorCode.conflict, `A cart holds at most ${CART_LIMITS.lines} lines; remove one first.`, { limit: CART_LIMITS.lines });
        }
      }
      assertStock(variant, total);
      await tx.query(
        `INSERT INTO orders.cart_lines (cart_id, variant_id, quantity, seen_price) VALUES ($1, $2, $3, $4)
         ON CONFLICT (cart_id, variant_id) DO UPDATE SET quantity = excluded.quantity, seen_price = excluded.seen_price`,
        [cartId, input.variantId, total, variant.price],
      );
      await this.touch(tx, cartId!);
    });
    return this.view(owner);
  }

  /** Sets a line's quantity. Lowering it is always allowed (it is how a buyer fixes a short line). */
  async setLine(owner: CartOwner, data: unknown): Promise<CartView> {
    const input = parseInput(setInput, data);
    const variant = (await this.lookup([input.variantId])).get(input.variantId);
    await this.db.transaction(async (tx) => {
      const cartId = await this.lockCart(tx, owner, false);
      const [existing] = cartId ? await this.linesOf(tx, cartId, [input.variantId]) : [];
      if (!existing) throw notInCart(input.variantId);
      if (input.quantity > existing.quantity) {
        if (!variant) throw gone(input.variantId);
        assertPurchasable(variant);
        assertNotOwn(owner, variant);
        assertStock(variant, input.quantity);
      }
      // Changing a line counts as seeing its current price.
      await tx.query(`UPDATE orders.cart_lines SET quantity = $3, seen_price = coalesce($4, seen_price) WHERE cart_id = $1 AND variant_id = $2`, [
        cartId,
        input.variantId,
        input.quantity,
        variant?.price ?? null,
      ]);
      await this.touch(tx, cartId!);
    });
    return this.view(owner);
  }

  async removeLine(owner: CartOwner, data: unknown): Promise<CartView> {
    const input = parseInput(removeInput, data);
    const [column, value] = ownerWhere(owner);
    const [, affected] = await this.db.query(
      `DELETE FROM orders.cart_lines l USING orders.carts c WHERE l.cart_id = c.id AND c.${column} = $1 AND l.variant_id = $2`,
      [value, input.variantId],
    );
    if (!affected) throw notInCart(input.variantId);
    return this.view(owner);
  }

  /**
   * Moves an anonymous cart's lines into the buyer's after sign-in: quantities of a variant in both
   * are added (cut to the per-line limit), lines beyond the cart's limit are left out, and the
   * anonymous cart is deleted. A token with no cart (already merged, never used) merges nothing.
   */
  async merge(buyerId: string, data: unknown): Promise<CartView & { merged: MergeReport }> {
    const input = parseInput(mergeInput, data);
    const report: MergeReport = { lines: 0, capped: [], dropped: [], ownListings: [] };
    const anon = { tokenHash: hashCartToken(input.token) };
    // The catalog is asked before the carts are locked, never while they are (issue 18).
    const seen = await this.findCart(this.db.manager, anon);
    const asked = seen ? (await this.linesOf(this.db.manager, seen)).map((l) => l.variantId) : [];
    const variants = await this.lookup(asked);
    await this.db.transaction(async (tx) => {
      const buyerCart = (await this.lockCart(tx, { buyerId }, true))!;
      const anonCart = await this.lockCart(tx, anon, false);
      if (!anonCart) return;
      const mine = new Map((await this.linesOf(tx, buyerCart)).map((r) => [r.variantId, r]));
      const incoming = await this.linesOf(tx, anonCart);
      for (const line of incoming) {
        if (!asked.includes(line.variantId)) {
          // Added to the anonymous cart while this merge asked the catalog: left out, unchecked.
          report.dropped.push(line.variantId);
          continue;
        }
        const held = mine.get(line.variantId);
        if (variants.get(line.variantId)?.artisanUserId === buyerId) {
          // An artisan who filled a cart signed out, then signed in: their own pieces stay out.
          report.ownListings.push(line.variantId);
          continue;
        }
        if (held) {
          const sum = held.quantity + line.quantity;
          if (sum > CART_LIMITS.perLine) report.capped.push(line.variantId);
          await tx.query(`UPDATE orders.cart_lines SET quantity = $3 WHERE cart_id = $1 AND variant_id = $2`, [
            buyerCart,
            line.variantId,
            Math.min(sum, CART_LIMITS.perLine),
          ]);
        } else if (mine.size >= CART_LIMITS.lines) {
          report.dropped.push(line.variantId);
          continue;
        } else {
          await tx.query(`INSERT INTO orders.cart_lines (cart_id, variant_id, quantity, seen_price, added_at) VALUES ($1, $2, $3, $4, $5)`, [
            buyerCart,
            line.variantId,
            line.quantity,
            line.seenPrice,
            line.addedAt,
          ]);
          mine.set(line.variantId, line);
        }
        report.lines += 1;
      }
      await tx.query(`DELETE FROM orders.carts WHERE id = $1`, [anonCart]);
      await this.touch(tx, buyerCart);
    });
    return { ...(await this.view({ buyerId })), merged: report };
  }

  /**
   * For checkout: the buyer's lines with their variants as the catalog has them now (a variant
   * the catalog no longer knows appears only in `problems`), and what keeps the cart from
   * checkout. An empty cart gives no lines and no problems.
   */
  async forCheckout(buyerId: string): Promise<{ lines: CheckoutLine[]; problems: CartProblem[] }> {
    const cartId = await this.findCart(this.db.manager, { buyerId });
    const rows = cartId ? await this.linesOf(this.db.manager, cartId) : [];
    const variants = await this.lookup(rows.map((r) => r.variantId));
    const lines = rows.flatMap((r) => {
      const variant = variants.get(r.variantId);
      return variant ? [{ variant, quantity: r.quantity, seenPrice: r.seenPrice }] : [];
    });
    return { lines, problems: cartProblems(rows, variants) };
  }

  /** Empties the buyer's cart (or only these variants) inside checkout's transaction. */
  async clear(tx: EntityManager, buyerId: string, variantIds?: string[]): Promise<void> {
    await tx.query(
      `DELETE FROM orders.cart_lines l USING orders.carts c
       WHERE l.cart_id = c.id AND c.buyer_id = $1 AND ($2::uuid[] IS NULL OR l.variant_id = ANY($2::uuid[]))`,
      [buyerId, variantIds ?? null],
    );
  }

  /** The catalog's view of these variants, by id; unknown ids are absent. */
  async lookup(ids: string[]): Promise<Map<string, VariantInfo>> {
    if (!ids.length) return new Map();
    const reply = await this.clients.sendAsService<VariantsLookupReply>(Services.catalog, CatalogPatterns.variantsLookup, { ids });
    return new Map(reply.variants.map((v) => [v.id, v]));
  }

  private async purchasable(id: string): Promise<VariantInfo> {
    const variant = (await this.lookup([id])).get(id);
    if (!variant) throw gone(id);
    assertPurchasable(variant);
    return variant;
  }

  private async findCart(q: EntityManager, owner: CartOwner): Promise<string | null> {
    const [column, value] = ownerWhere(owner);
    const rows: Array<{ id: string }> = await q.query(`SELECT id FROM orders.carts WHERE ${column} = $1`, [value]);
    return rows[0]?.id ?? null;
  }

  /** Locks the owner's cart for a change (made first when `create`), so limits hold under races. */
  private async lockCart(tx: EntityManager, owner: CartOwner, create: boolean): Promise<string | null> {
    const [column, value] = ownerWhere(owner);
    if (create) {
      await tx.query(`INSERT INTO orders.carts (id, ${column}) VALUES ($1, $2) ON CONFLICT (${column}) DO NOTHING`, [newId(), value]);
    }
    const rows: Array<{ id: string }> = await tx.query(`SELECT id FROM orders.carts WHERE ${column} = $1 FOR UPDATE`, [value]);
    return rows[0]?.id ?? null;
  }

  private async linesOf(q: EntityManager, cartId: string, variantIds?: string[]): Promise<CartLineRow[]> {
    const rows: Array<{ variantId: string; quantity: number; seenPrice: string; addedAt: Date }> = await q.query(
      `SELECT variant_id AS "variantId", quantity, seen_price::text AS "seenPrice", added_at AS "addedAt"
       FROM orders.cart_lines WHERE cart_id = $1 AND ($2::uuid[] IS NULL OR variant_id = ANY($2::uuid[]))
       ORDER BY added_at, variant_id`,
      [cartId, variantIds ?? null],
    );
    return rows.map((r) => ({ ...r, addedAt: new Date(r.addedAt).toISOString() }));
  }

  private async touch(tx: EntityManager, cartId: string): Promise<void> {
    await tx.query(`UPDATE orders.carts SET updated_at = now() WHERE id = $1`, [cartId]);
  }
}

function assertPurchasable(v: VariantInfo): void {
  if (!v.purchasable) {
    throw new DomainError(ErrorCode.notPurchasable, `"${v.title.id}" (${v.sku}) is not on sale right now.`, { variantId: v.id, sku: v.sku });
  }
}

/** Artisans do not buy from their own shop (it would fake sales, reviews and stock held). */
export function assertNotOwn(owner: CartOwner, v: VariantInfo): void {
  if ('buyerId' in owner && v.artisanUserId === owner.buyerId) {
    throw new DomainError(ErrorCode.ownListing, `"${v.title.id}" (${v.sku}) is from your own shop; you cannot buy it.`, {
      field: 'variantId', variantId: v.id, listingId: v.listingId, sku: v.sku,
    });
  }
}

function assertStock(v: VariantInfo, requested: number): void {
  if (requested > v.stock) {
    const left = v.stock <= 0 ? 'is out of stock' : `has only ${v.stock} in stock`;
    throw new DomainError(ErrorCode.insufficientStock, `"${v.title.id}" (${v.sku}) ${left}; you asked for ${requested}.`, [
      { variantId: v.id, sku: v.sku, requested, available: Math.max(0, v.stock) },
    ]);
  }
}

const gone = (variantId: string) => new DomainError(ErrorCode.notFound, 'No such variant in the catalog.', { variantId });
const notInCart = (variantId: string) => new DomainError(ErrorCode.notFound, 'That variant is not in your cart.', { variantId });
