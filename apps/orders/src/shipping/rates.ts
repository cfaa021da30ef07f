import type { ShippingOption } from '@pk/contracts';
import type { Zone } from './zones';

// The views are the reply schemas' types (libs/contracts/src/replies/orders.ts).
export type { ShippingOption } from '@pk/contracts';

/** One row of orders.shipping_rates: a courier service's fee into a zone. */
export interface ShippingRate {
  courier: string;
  service: string;
  zone: Zone;
  firstKg: bigint;
  nextKg: bigint;
  daysMin: number;
  daysMax: number;
}

/** What checkout stores on a shipment. */
export interface ShippingChoice {
  code: string;
  courier: string;
  service: string;
  fee: bigint;
  days: { min: number; max: number };
}

export const PICKUP_CODE = 'pickup';

// The council's outlet collects from the artisans; the buyer collects there, free.
export const PICKUP: ShippingChoice & { pickup: NonNullable<ShippingOption['pickup']> } = {
  code: PICKUP_CODE,
  courier: 'Dekranasda Bali',
  service: 'Ambil di gerai',
  fee: 0n,
  days: { min: 1, max: 3 },
  pickup: { outlet: 'Gerai Dekranasda Provinsi Bali', city: 'Denpasar' },
};

export const optionCode = (courier: string, service: string): string => `${courier}:${service}`;

/** Couriers bill every started kilogram, and at least one. */
export const billableKg = (weightGrams: number): number => Math.max(1, Math.ceil(weightGrams / 1000));

export const rateFee = (rate: Pick<ShippingRate, 'firstKg' | 'nextKg'>, weightGrams: number): bigint =>
  rate.firstKg + rate.nextKg * BigInt(billableKg(weightGrams) - 1);

export function rateChoice(rate: ShippingRate, weightGrams: number): ShippingChoice {
  return {
    code: optionCode(rate.courier, rate.service),
    courier: rate.courier,
    service: rate.service,
    fee: rateFee(rate, weightGrams),
    days: { min: rate.daysMin, max: rate.daysMax },
  };
}

/** Every choice for a weight into a zone's rates, pickup included, cheapest first. */
export function choicesFor(rates: ShippingRate[], weightGrams: number): ShippingChoice[] {
  const choices = [...rates.map((r) => rateChoice(r, weightGrams)), PICKUP];
  return choices.sort((a, b) => (a.fee === b.fee ? a.days.min - b.days.min || a.code.localeCompare(b.code) : a.fee < b.fee ? -1 : 1));
}

export function toOption(choice: ShippingChoice): ShippingOption {
  const option: ShippingOption = { code: choice.code, courier: choice.courier, service: choice.service, fee: choice.fee.toString(), days: choice.days };
  if (choice.code === PICKUP_CODE) option.pickup = PICKUP.pickup;
  return option;
}
