import type { ListingSnapshot } from '@pk/contracts';
import type { ChannelCategoryMapping, ChannelListing } from '../channel-adapter';
import { channelListing, lazadaClothMapping } from '../listing.fixture';

// Lazada listings for specs and the sandbox suites.

/**
 * The cloth folded for shipping: Lazada refuses packages whose length + width + height pass 300 cm
 * (createproduct.json 4165), and the shared fixture gives the cloth's own 200 × 110 cm.
 */
export const FOLDED_CLOTH_CM = { length: 40, width: 30, height: 5 };

/** The shared fixture listing, folded, mapped to Lazada's Traditional Fabric unless told. */
export const lazadaListing = (overrides: Partial<ListingSnapshot> = {}, mapping: ChannelCategoryMapping | null = lazadaClothMapping, photoBase?: string): ChannelListing =>
  channelListing(mapping, { dimensionsCm: FOLDED_CLOTH_CM, ...overrides }, photoBase);
