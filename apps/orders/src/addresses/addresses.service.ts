import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { AddressView } from '@pk/contracts';
import { DomainError, ErrorCode, newId, parseInput } from '@pk/core';
import { ADDRESS_LIMIT, addressRef, createAddressInput, updateAddressInput } from './address-input';

// The views are the reply schemas' types (libs/contracts/src/replies/orders.ts).
export type { AddressView } from '@pk/contracts';

interface AddressRow {
  id: string;
  label: string | null;
  recipient: string;
  phone: string;
  street: string;
  district: string;
  city: string;
  province: string;
  postal_code: string;
  is_default: boolean;
  created_at: Date;
  updated_at: Date;
}

const notFound = (id: string) => new DomainError(ErrorCode.notFound, 'No such address in your address book.', { addressId: id });

/**
 * A buyer's address book: at most 20 addresses, at most one the default (the first one made is).
 * Every query is scoped to the caller, so another buyer's address is simply not found.
 */
@Injectable()
export class AddressesService {
  constructor(private readonly db: DataSource) {}

  async list(buyerId: string): Promise<{ items: AddressView[] }> {
    const rows: AddressRow[] = await this.db.query(
      `SELECT * FROM orders.addresses WHERE buyer_id = $1 ORDER BY is_default DESC, created_at DESC, id`,
      [buyerId],
    );
    return { items: rows.map(toView) };
  }

  /** One of the buyer's addresses (for checkout and shipping quotes); not found when it is not theirs. */
  async get(buyerId: string, id: string, q: EntityManager = this.db.manager): Promise<AddressView> {
    const rows: AddressRow[] = await q.query(`SELECT * FROM orders.addresses WHERE id = $1 AND buyer_id = $2`, [id, buyerId]);
    if (!rows.length) throw notFound(id);
    return toView(rows[0]);
  }

  async create(buyerId: string, data: unknown): Promise<AddressView> {
    const input = parseInput(createAddressInput, data);
    const id = newId();
    await this.db.transaction(async (tx) => {
      await lockBook(tx, buyerId);
      const [{ count, has_default }] = await tx.query(
        `SELECT count(*)::int AS count, coalesce(bool_or(is_default), false) AS has_default FROM orders.addresses WHERE buyer_id = $1`,
        [buyerId],
      );
      if (count >= ADDRESS_LIMIT) {
        throw new DomainError(ErrorCode.conflict, `An address book holds at most ${ADDRESS_LIMIT} addresses; delete one first.`, { limit: ADDRESS_LIMIT });
      }
      const isDefault = input.isDefault === true || !has_default;
      if (isDefault) await clearDefault(tx, buyerId);
      await tx.query(
        `INSERT INTO orders.addresses (id, buyer_id, label, recipient, phone, street, district, city, province, postal_code, is_default)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
        [id, buyerId, input.label ?? null, input.recipient, input.phone, input.street, input.district, input.city, input.province, input.postalCode, isDefault],
      );
    });
    return this.get(buyerId, id);
  }

  async update(buyerId: string, data: unknown): Promise<AddressView> {
    const input = parseInput(updateAddressInput, data);
    await this.db.transaction(async (tx) => {
      await lockBook(tx, buyerId);
      await this.get(buyerId, input.id, tx);
      if (input.isDefault === true) await clearDefault(tx, buyerId);
      await tx.query(
        `UPDATE orders.addresses SET
           label = CASE WHEN $3 THEN $4 ELSE label END,
           recipient = coalesce($5, recipient), phone = coalesce($6, phone), street = coalesce($7, street),
           district = coalesce($8, district), city = coalesce($9, city), province = coalesce($10, province),
           postal_code = coalesce($11, postal_code), is_default = coalesce($12, is_default), updated_at = now()
         WHERE id = $1 AND buyer_id = $2`,
        [input.id, buyerId, input.label !== undefined, input.label ?? null, input.recipient ?? null, input.phone ?? null, input.street ?? null,
         input.district ?? null, input.city ?? null, input.province ?? null, input.postalCode ?? null, input.isDefault ?? null],
      );
    });
    return this.get(buyerId, input.id);
  }

  /** Deleting the default makes the newest remaining address the default. */
  async remove(buyerId: string, data: unknown): Promise<{ deleted: true }> {
    const { id } = parseInput(addressRef, data);
    await this.db.transaction(async (tx) => {
      await lockBook(tx, buyerId);
      // A DELETE answers [rows, count].
      const [gone]: [Array<{ is_default: boolean }>, number] = await tx.query(
        `DELETE FROM orders.addresses WHERE id = $1 AND buyer_id = $2 RETURNING is_default`,
        [id, buyerId],
      );
      if (!gone.length) throw notFound(id);
      if (gone[0].is_default) {
        await tx.query(
          `UPDATE orders.addresses SET is_default = true, updated_at = now()
           WHERE id = (SELECT id FROM orders.addresses WHERE buyer_id = $1 ORDER BY created_at DESC, id DESC LIMIT 1)`,
          [buyerId],
        );
      }
    });
    return { deleted: true };
  }
}

// One writer per address book at a time, so the limit and the single default hold under races.
async function lockBook(tx: EntityManager, buyerId: string): Promise<void> {
  await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended('orders.addresses:' || $1, 0))`, [buyerId]);
}

async function clearDefault(tx: EntityManager, buyerId: string): Promise<void> {
  await tx.query(`UPDATE orders.addresses SET is_default = false, updated_at = now() WHERE buyer_id = $1 AND is_default`, [buyerId]);
}

function toView(r: AddressRow): AddressView {
  return {
    id: r.id,
    label: r.label,
    recipient: r.recipient,
    phone: r.phone,
    street: r.street,
    district: r.district,
    city: r.city,
    province: r.province,
    postalCode: r.postal_code,
    isDefault: r.is_default,
    createdAt: new Date(r.created_at).toISOString(),
    updatedAt: new Date(r.updated_at).toISOString(),
  };
}
