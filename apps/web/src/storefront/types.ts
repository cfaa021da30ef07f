// The API's shapes. Contract types come from libs/contracts (type-only: nothing of it reaches the
// bundle); the orders app's views are not in contracts, so their fields used here are copied.
export type { HomeCard, HomeCampaign, HomeCollection, HomePage, HomeArtisan, HomeRegion } from '../../../../libs/contracts/src/home';
export type { FacetCount, SearchHit, SearchResult, SuggestResult } from '../../../../libs/contracts/src/search';
export type { ListingCampaign, ListingMark, ListingSnapshot, PhotoRenditions, Regency } from '../../../../libs/contracts/src/catalog';
export type { PaymentInstructions } from '../../../../libs/contracts/src/payments';
import type { ListingSnapshot, PhotoRenditions, Regency } from '../../../../libs/contracts/src/catalog';
import type { PaymentInstructions } from '../../../../libs/contracts/src/payments';

export type Bilingual = { id: string; en: string | null };

export interface PublicListing extends ListingSnapshot {
  story: string;
}

export interface CategoryNode {
  id: string;
  slug: string;
  name: { id: string; en: string };
  children: CategoryNode[];
}

export interface ShopPage {
  shop: {
    id: string;
    name: string;
    slug: string;
    story: string;
    regency: Regency;
    regencyName: string;
    craftTypes: Array<{ slug: string; name: string; nameEn: string }>;
    photo: PhotoRenditions | null;
    verifiedSince: string | null;
  };
  listings: {
    items: Array<{ id: string; title: Bilingual; minPrice: string; maxPrice: string; inStock: boolean; thumbnail: string | null; publishedAt: string }>;
    total: number;
    limit: number;
    offset: number;
  };
}

export interface CartLine {
  variantId: string;
  listingId: string | null;
  sku: string | null;
  title: Bilingual | null;
  options: Record<string, string>;
  thumbnail: string | null;
  quantity: number;
  unitPrice: string | null;
  lineTotal: string | null;
  priceChanged: { from: string; to: string } | null;
  outOfStock: boolean;
  insufficientStock: { available: number } | null;
  unavailable: boolean;
}

export interface CartGroup {
  artisanId: string | null;
  shopName: string | null;
  shopRegency: Regency | null;
  lines: CartLine[];
}

export interface Cart {
  anonymous: boolean;
  groups: CartGroup[];
  totals: { lines: number; items: number; goods: string };
  checkoutReady: boolean;
}

export interface Address {
  id: string;
  label?: string | null;
  recipient: string;
  phone: string;
  street: string;
  district: string;
  city: string;
  province: string;
  postalCode: string;
  isDefault?: boolean;
}

export interface ShippingOption {
  code: string;
  courier: string;
  service: string;
  fee: string;
  days: { min: number; max: number };
  pickup?: { outlet: string; city: string };
}

export interface ShippingQuote {
  address: { id: string; city: string; province: string };
  zone: string;
  shipments: Array<{ artisanId: string; shopName: string; shopRegency: Regency; items: number; weightGrams: number; goods: string; options: ShippingOption[] }>;
}

export type ShipmentStatus = 'pending_payment' | 'paid' | 'accepted' | 'shipped' | 'delivered' | 'completed' | 'cancelled';
export type OrderStatus = 'pending_payment' | 'paid' | 'completed' | 'cancelled';

export interface OrderLine {
  id: string;
  variantId: string;
  listingId: string;
  sku: string;
  title: string;
  options: Record<string, string>;
  quantity: number;
  unitPrice: string;
  total: string;
}

export interface Shipment {
  id: string;
  artisanId: string;
  shopName: string;
  status: ShipmentStatus;
  courier: string;
  service: string;
  shippingFee: string;
  goodsTotal: string;
  trackingNumber: string | null;
  shippedAt: string | null;
  deliveredAt: string | null;
  completedAt: string | null;
  lines: OrderLine[];
}

export interface Payment {
  id: string;
  method: 'bank_transfer' | 'card';
  status: string;
  amount: string;
  instructions: PaymentInstructions | null;
}

export interface Order {
  id: string;
  number: string;
  status: OrderStatus;
  paymentMethod: 'bank_transfer' | 'card';
  paymentId: string | null;
  goodsTotal: string;
  shippingTotal: string;
  total: string;
  address: Partial<Address>;
  paymentDueAt: string;
  paidAt: string | null;
  cancelReason: string | null;
  createdAt: string;
  shipments: Shipment[];
}

export interface OrderDetail extends Order {
  paymentStatus?: string;
  payment: Payment | null;
  reviews?: Array<{ id: string; orderLineId: string; rating: number; reply: string | null }>;
}

export interface ListingReviews {
  listingId: string;
  average: number | null;
  count: number;
  distribution: Record<'1' | '2' | '3' | '4' | '5', number>;
  items: Array<{ id: string; options: Record<string, string>; rating: number; body: string | null; reply: string | null; createdAt: string }>;
  total: number;
}
