import type { ChannelImageRef } from './channel-adapter';
import { channelListing, lazadaClothMapping, tiktokClothMapping } from './listing.fixture';
import { LazadaAdapter } from './lazada/lazada.adapter';
import { lazadaProductPayload } from './lazada/lazada.payloads';
import { validateForLazada } from './lazada/lazada.rules';
import { TikTokShopAdapter } from './tiktok-shop/tiktok-shop.adapter';
import { tiktokProductBody } from './tiktok-shop/tiktok-shop.payloads';
import { validateForTikTokShop } from './tiktok-shop/tiktok-shop.rules';
import { problemText } from './problem-codes';

// The fixture's endek is 200 × 110 × 2 cm; it ships folded in a 40 × 30 × 5 cm parcel. Channels
// are told the parcel when the artisan gave it, the piece's own size otherwise.

const FOLDED = { length: 40, width: 30, height: 4.5 };
const refs = (urls: string[]): ChannelImageRef[] => urls.map((u, i) => ({ sourceUrl: u, ref: `ref-${i}`, url: `https://cdn/${i}`, width: 800, height: 800 }));
const tokens = { accessToken: 'a', accessTokenExpiresAt: '2099-01-01T00:00:00Z', refreshToken: 'r', refreshTokenExpiresAt: null };

describe('package size on the channels', () => {
  describe('Lazada', () => {
    const piece = channelListing(lazadaClothMapping);
    const folded = channelListing(lazadaClothMapping, { packageCm: FOLDED });
    const images = refs(piece.listing.photos.map((p) => p.urls.full));
    const adapter = new LazadaAdapter({ accountId: 'a1', baseUrl: 'http://lazada.invalid/rest', appKey: 'k', appSecret: 's', tokens, rateLimiter: null });

    it('passes the big cloth folded, and sends the parcel as package_length/width/height (create-a-product.md)', () => {
      expect(validateForLazada(folded)).toEqual([]);
      const skus = lazadaProductPayload(folded, images, { noBrandId: '1' }).Request.Product.Skus.Sku;
      expect(skus.map((s) => [s.package_length, s.package_width, s.package_height, s.package_weight])).toEqual([
        ['40.00', '30.00', '4.50', '0.45'],
        ['40.00', '30.00', '4.50', '0.45'],
      ]);
    });

    it('sends the piece as before when there is no package size (older snapshots have no packageCm at all)', () => {
      const { packageCm: _none, ...older } = piece.listing;
      for (const listing of [piece, { ...piece, listing: older }]) {
        const sku = lazadaProductPayload(listing, images, { noBrandId: '1' }).Request.Product.Skus.Sku[0];
        expect([sku.package_length, sku.package_width, sku.package_height]).toEqual(['200.00', '110.00', '2.00']);
      }
    });

    it('refuses the unfolded cloth (4165) with a code that asks for the package size', () => {
      expect(validateForLazada(piece)).toEqual([
        expect.objectContaining({ field: 'packageCm', code: 'lazada.package_size_needed', params: { max: 300, sum: 312 } }),
      ]);
      expect(problemText('lazada.package_size_needed', { max: 300, sum: 312 }, 'id')).toContain('Isi ukuran paket');
      expect(problemText('lazada.package_size_needed', { max: 300, sum: 312 }, 'en')).toContain('Enter the package size');
      // a package that is itself too big is the package's problem
      expect(validateForLazada(channelListing(lazadaClothMapping, { packageCm: { length: 150, width: 100, height: 60 } })).map((p) => [p.field, p.code, p.params])).toEqual([
        ['packageCm', 'lazada.dimensions_too_large', { max: 300, sum: 310 }],
      ]);
    });

    it('hashes the package size, so a new one sends the product again', () => {
      const hash = (l: typeof piece) => JSON.stringify(adapter.contentForHash(l));
      expect(hash(folded)).not.toBe(hash(piece));
      expect(hash(channelListing(lazadaClothMapping, { packageCm: { ...FOLDED, height: 6 } }))).not.toBe(hash(folded));
    });
  });

  describe('TikTok Shop', () => {
    const piece = channelListing(tiktokClothMapping);
    const folded = channelListing(tiktokClothMapping, { packageCm: FOLDED });
    const images = refs(piece.listing.photos.map((p) => p.urls.full));
    const adapter = new TikTokShopAdapter({
      accountId: 'a', baseUrl: 'http://127.0.0.1:1', appKey: 'k', appSecret: 's', shopCipher: 'c', warehouseId: 'w', tokens, rateLimiter: null,
    });

    it('sends the parcel as package_dimensions (create-product.spec.json), the piece when there is none', () => {
      expect(validateForTikTokShop(folded)).toEqual([]);
      expect(tiktokProductBody(folded, images, { warehouseId: 'w' }).package_dimensions).toEqual({ length: '40', width: '30', height: '5', unit: 'CENTIMETER' });
      expect(tiktokProductBody(piece, images, { warehouseId: 'w' }).package_dimensions).toEqual({ length: '200', width: '110', height: '2', unit: 'CENTIMETER' });
    });

    it('hashes the package size, and a listing without one hashes as before', () => {
      expect(JSON.stringify(adapter.contentForHash(folded))).not.toBe(JSON.stringify(adapter.contentForHash(piece)));
      expect(adapter.contentForHash(piece)).toMatchObject({ package_dimensions: [200, 110, 2] });
      expect(adapter.contentForHash(folded)).toMatchObject({ package_dimensions: [40, 30, 5] });
    });
  });
});
