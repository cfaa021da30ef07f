import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Caller, CartShippingQuote, ShipmentQuote } from '@pk/contracts';
import { DomainError, ErrorCode, parseInput, requireCaller } from '@pk/core';
import { AddressesService } from '../addresses/addresses.service';
import { CartService } from '../cart/cart.service';
import { ShippingChoice, ShippingOption, ShippingRate, choicesFor, toOption } from './rates';
import { Zone, zoneOf } from './zones';
import { shippingCartQuoteInput as cartQuoteInput, shippingEstimateInput as estimateInput } from '@pk/contracts/requests/orders';

/** Who asked about which shipment, so an unknown option is refused in words the buyer can act on. */
export interface ShipmentRef {
  /** e.g. "the shipment from Toko Tenun Sidemen". */
  name: string;
  /** The request field that held the code, e.g. "shipments.0.shippingCode". */
  field?: string;
}

/**
 * Shipping fees from orders.shipping_rates: the zone of the destination province, then per
 * courier service the first kilogram plus each further started kilogram; and free pickup at the
 * council's outlet in Denpasar.
 */
@Injectable()
export class ShippingService {
  constructor(
    private readonly db: DataSource,
    private readonly cart: CartService,
    private readonly addresses: AddressesService,
  ) {}

  /** Every option for a parcel of this weight to this province, cheapest first. */
  async quote(input: { province: string; weightGrams: number }): Promise<ShippingOption[]> {
    const zone = provinceZone(input.province);
    return choicesFor(await this.rates(zone), input.weightGrams).map(toOption);
  }

  /** The option with this code (e.g. "JNE:REG", "pickup") for checkout; an unknown code is a 400 naming the shipment. */
  async choose(code: string, province: string, weightGrams: number, shipment?: ShipmentRef): Promise<ShippingChoice> {
    const choices = choicesFor(await this.rates(provinceZone(province)), weightGrams);
    const choice = choices.find((c) => c.code === code);
    if (choice) return choice;
    const name = shipment?.name ?? 'the shipment';
    const message = `no shipping option "${code}" for ${name}; choose one of: ${choices.map((c) => c.code).join(', ')}`;
    throw new DomainError(ErrorCode.validationFailed, `Please correct: ${shipment?.field ?? 'shippingCode'} (${name}).`, [
      { field: shipment?.field ?? 'shippingCode', messages: [message] },
    ]);
  }

  /** The fee (whole rupiah) of an option, for checkout. */
  async fee(code: string, province: string, weightGrams: number, shipment?: ShipmentRef): Promise<bigint> {
    return (await this.choose(code, province, weightGrams, shipment)).fee;
  }

  /**
   * The RPC: `{ addressId }` quotes the caller's cart to one of their addresses, one shipment per
   * artisan; `{ province, weightGrams }` is an estimate anyone may ask for.
   */
  async quoteRequest(caller: Caller | null, data: unknown): Promise<CartShippingQuote | { zone: Zone; weightGrams: number; options: ShippingOption[] }> {
    if (data && typeof data === 'object' && 'addressId' in data) {
      return this.quoteCart(requireCaller({ caller }).userId, data);
    }
    const input = parseInput(estimateInput, data);
    return { zone: provinceZone(input.province), weightGrams: input.weightGrams, options: await this.quote(input) };
  }

  /** The buyer's cart to one of their addresses: the lines that can be bought, by artisan. */
  async quoteCart(buyerId: string, data: unknown): Promise<CartShippingQuote> {
    const { addressId } = parseInput(cartQuoteInput, data);
    const address = await this.addresses.get(buyerId, addressId);
    const zone = provinceZone(address.province);
    const rates = await this.rates(zone);
    const { lines } = await this.cart.forCheckout(buyerId);
    const shipments = new Map<string, ShipmentQuote>();
    for (const { variant, quantity } of lines) {
      if (!variant.purchasable) continue;
      let s = shipments.get(variant.artisanId);
      if (!s) {
        s = { artisanId: variant.artisanId, shopName: variant.shopName, shopRegency: variant.shopRegency, lines: 0, items: 0, weightGrams: 0, goods: '0', options: [] };
        shipments.set(variant.artisanId, s);
      }
      s.lines += 1;
      s.items += quantity;
      s.weightGrams += quantity * variant.weightGrams;
      s.goods = (BigInt(s.goods) + BigInt(variant.price) * BigInt(quantity)).toString();
    }
    for (const s of shipments.values()) s.options = choicesFor(rates, s.weightGrams).map(toOption);
    return { address: { id: address.id, city: address.city, province: address.province }, zone, shipments: [...shipments.values()] };
  }

  private async rates(zone: Zone): Promise<ShippingRate[]> {
    const rows: Array<{ courier: string; service: string; first_kg: string; next_kg: string; days_min: number; days_max: number }> = await this.db.query(
      `SELECT courier, service, first_kg::text, next_kg::text, days_min, days_max FROM orders.shipping_rates WHERE zone = $1`,
      [zone],
    );
    return rows.map((r) => ({
      courier: r.courier,
      service: r.service,
      zone,
      firstKg: BigInt(r.first_kg),
      nextKg: BigInt(r.next_kg),
      daysMin: r.days_min,
      daysMax: r.days_max,
    }));
  }
}

function provinceZone(province: string): Zone {
  const zone = zoneOf(province);
  if (!zone) {
    throw new DomainError(ErrorCode.validationFailed, 'Please correct: province.', [
      { field: 'province', messages: [`"${province}" is not one of Indonesia's 38 provinces`] },
    ]);
  }
  return zone;
}
