import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Caller, VariantInfo } from '@pk/contracts';
import { APP_CONFIG, AppConfig, DomainError, ErrorCode, newId } from '@pk/core';
import { AddressView, AddressesService } from '../addresses/addresses.service';
import { CartService, CheckoutLine } from '../cart/cart.service';
import { CartProblem } from '../cart/cart-view';
import { ShippingService } from '../shipping/shipping.service';
import { CheckoutInput } from './checkout-input';
import { assertUnpaidHoldAllowed } from './unpaid-holds';

/** One shipment of the checkout, as the workflow stores it (money as digit strings). */
export interface PlannedShipment {
  id: string;
  artisanId: string;
  artisanUserId: string;
  shopName: string;
  // the shop's regency at checkout, for sales reports
  shopRegency: string;
  courier: string;
  service: string;
  fee: string;
  weightGrams: number;
  lines: Array<{ variant: VariantInfo; quantity: number; unitPrice: string }>;
}

/** What the cart check decided: what is bought, from whom, shipped where, paid within how long. */
export interface CheckoutPlan {
  address: AddressView;
  shipments: PlannedShipment[];
  windowSeconds: number;
}

/** The plan's lines, in the cart's shape. */
export const planLines = (plan: CheckoutPlan): CheckoutLine[] =>
  plan.shipments.flatMap((s) => s.lines.map((l) => ({ variant: l.variant, quantity: l.quantity, seenPrice: l.unitPrice })));

/**
 * What the cart check found, as the reservation would say it: stock problems are 409
 * insufficient_stock (the catalog's own shape), anything no longer on sale is not_purchasable.
 */
function cartProblems(problems: CartProblem[]): DomainError {
  const unavailable = problems.filter((p) => p.code === 'unavailable');
  if (unavailable.length) {
    return new DomainError(ErrorCode.notPurchasable, 'Some items in your cart are no longer on sale; remove them and check out again.', {
      problems: unavailable.map((p) => ({ variantId: p.variantId, sku: p.sku })),
    });
  }
  return new DomainError(
    ErrorCode.insufficientStock,
    'Some items in your cart are out of stock or short of what you asked for; change the quantities and check out again.',
    problems.map((p) => ({ variantId: p.variantId, sku: p.sku, requested: p.requested, available: p.available })) as unknown as Record<string, unknown>,
  );
}

/** Artisans do not buy from their own shop: every such line is named. */
function assertNoneOwn(buyer: Caller, lines: CheckoutLine[]): void {
  const own = lines.filter((l) => l.variant.artisanUserId === buyer.userId);
  if (own.length) {
    throw new DomainError(ErrorCode.ownListing, 'Your cart holds pieces from your own shop; remove them and check out again.', {
      field: 'lines', problems: own.map((l) => ({ variantId: l.variant.id, listingId: l.variant.listingId, sku: l.variant.sku })),
    });
  }
}

/** The checkout's first step: the cart as the catalog has it now, checked, and planned per artisan. */
@Injectable()
export class CheckoutPlanner {
  constructor(
    private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly cart: CartService,
    private readonly addresses: AddressesService,
    private readonly shipping: ShippingService,
  ) {}

  async check(buyer: Caller, input: CheckoutInput): Promise<CheckoutPlan> {
    const { lines, problems } = await this.cart.forCheckout(buyer.userId);
    if (!lines.length) throw new DomainError(ErrorCode.cartProblem, 'Your cart is empty.', { problems: [] });
    if (problems.length) throw cartProblems(problems);
    assertNoneOwn(buyer, lines);
    if (input.paymentMethod === 'bank_transfer') await assertUnpaidHoldAllowed(this.db.manager, buyer.userId, lines, this.config.orders.unpaidTransfer);
    const address = await this.addresses.get(buyer.userId, input.addressId);
    const windowSeconds = input.paymentMethod === 'card' ? this.config.orders.paymentWindowCardSeconds : this.config.orders.paymentWindowTransferSeconds;
    return { address, shipments: await this.plan(input, address, lines), windowSeconds };
  }

  /** One shipment per artisan, with the shipping option the buyer chose for it. */
  private async plan(input: CheckoutInput, address: AddressView, lines: Array<{ variant: VariantInfo; quantity: number }>): Promise<PlannedShipment[]> {
    const byArtisan = new Map<string, Array<{ variant: VariantInfo; quantity: number }>>();
    for (const l of lines) byArtisan.set(l.variant.artisanId, [...(byArtisan.get(l.variant.artisanId) ?? []), l]);
    const unknown = Object.keys(input.shipping).filter((id) => !byArtisan.has(id));
    if (unknown.length) {
      throw new DomainError(ErrorCode.validationFailed, 'Please correct: shipping.', [{ field: 'shipping', messages: [`no items in your cart come from ${unknown.join(', ')}`] }]);
    }
    const planned: PlannedShipment[] = [];
    for (const [artisanId, items] of byArtisan) {
      const first = items[0].variant;
      const code = input.shipping[artisanId];
      if (!code) {
        throw new DomainError(ErrorCode.validationFailed, 'Please correct: shipping.', [
          { field: `shipping.${artisanId}`, messages: [`choose how ${first.shopName} ships your items (ask for a quote)`] },
        ]);
      }
      const weightGrams = items.reduce((sum, i) => sum + i.variant.weightGrams * i.quantity, 0);
      const choice = await this.shipping.choose(code, address.province, weightGrams, { name: `the shipment from ${first.shopName}`, field: `shipping.${artisanId}` });
      planned.push({
        id: newId(),
        artisanId,
        artisanUserId: first.artisanUserId,
        shopName: first.shopName,
        shopRegency: first.shopRegency,
        courier: choice.courier,
        service: choice.service,
        fee: choice.fee.toString(),
        weightGrams,
        lines: items.map((i) => ({ variant: i.variant, quantity: i.quantity, unitPrice: String(i.variant.price) })),
      });
    }
    return planned;
  }
}
