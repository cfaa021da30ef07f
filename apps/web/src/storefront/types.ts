// The API's shapes, from libs/contracts (type-only: nothing of it reaches the bundle), under the
// names the storefront's pages use.
export type { HomeCard, HomeCampaign, HomeCollection, HomePage, HomeArtisan, HomeRegion } from '@pk/contracts';
export type { FacetCount, SearchHit, SearchResult, SuggestResult } from '@pk/contracts';
export type { ListingCampaign, ListingMark, ListingSnapshot, PhotoRenditions, Regency } from '@pk/contracts';
export type {
  AddressView as Address,
  CartGroupView as CartGroup,
  CartLineView as CartLine,
  CartShippingQuote as ShippingQuote,
  CartView as Cart,
  ListingReviews,
  OrderDetail,
  OrderLineView as OrderLine,
  OrderListItem as Order,
  OrderStatus,
  PaymentInstructions,
  PaymentView as Payment,
  ShipmentStatus,
  ShipmentView as Shipment,
  ShippingOption,
} from '@pk/contracts';

export type Bilingual = { id: string; en: string | null };
export type { CategoryNode, PublicListingView as PublicListing, ShopPage } from '@pk/contracts';

