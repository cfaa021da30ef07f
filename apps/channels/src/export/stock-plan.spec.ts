import type { ChannelProductRef } from '../adapters/channel-adapter';
import { heldAfterSend, planStock, type StockState } from './stock-plan';

const product: ChannelProductRef = {
  productId: 'p1',
  skus: [
    { sellerSku: 'ENDEK-MERAH', skuId: 's1' },
    { sellerSku: 'ENDEK-BIRU', skuId: 's2', channelSku: 'A1B2C3-ENDEK-BIRU' },
  ],
};
const tiktok = (over: Partial<StockState>): StockState => ({
  status: 'synced', product, wanted: { 'ENDEK-MERAH': 3, 'ENDEK-BIRU': 2 }, pushed: { 'ENDEK-MERAH': 3, 'ENDEK-BIRU': 2 }, acceptsPriceStock: true, hidesSoldOut: true, ...over,
});

describe('planStock', () => {
  it('pushes only the stock that differs, with the SKU as the channel holds it', () => {
    expect(planStock(tiktok({ wanted: { 'ENDEK-MERAH': 3, 'ENDEK-BIRU': 5 } }))).toEqual({
      kind: 'push', items: [{ productId: 'p1', skuId: 's2', sellerSku: 'ENDEK-BIRU', channelSku: 'A1B2C3-ENDEK-BIRU', stock: 5 }],
    });
    expect(planStock(tiktok({}))).toBeNull();
  });

  it('hides a live TikTok product when every SKU is sold out, never sending a stock of 0', () => {
    expect(planStock(tiktok({ wanted: { 'ENDEK-MERAH': 0, 'ENDEK-BIRU': 0 } }))).toEqual({ kind: 'hide', soldOut: ['ENDEK-MERAH', 'ENDEK-BIRU'] });
  });

  it('hides it too when one SKU is sold out (no documented way stops one SKU selling at once)', () => {
    expect(planStock(tiktok({ wanted: { 'ENDEK-MERAH': 0, 'ENDEK-BIRU': 4 } }))).toEqual({ kind: 'hide', soldOut: ['ENDEK-MERAH'] });
  });

  it('does not hide a product for a SKU the channel holds none of (created sold out, without a quantity)', () => {
    expect(planStock(tiktok({ wanted: { 'ENDEK-MERAH': 0, 'ENDEK-BIRU': 2 }, pushed: { 'ENDEK-MERAH': 0, 'ENDEK-BIRU': 2 } }))).toBeNull();
    // Its stock returns: pushed like any other.
    expect(planStock(tiktok({ wanted: { 'ENDEK-MERAH': 1, 'ENDEK-BIRU': 2 }, pushed: { 'ENDEK-MERAH': 0, 'ENDEK-BIRU': 2 } }))).toEqual({
      kind: 'push', items: [{ productId: 'p1', skuId: 's1', sellerSku: 'ENDEK-MERAH', stock: 1 }],
    });
  });

  it('waits while the product is in review (only an ACTIVATE product can be deactivated)', () => {
    expect(planStock(tiktok({ status: 'in_review', acceptsPriceStock: false, wanted: { 'ENDEK-MERAH': 0, 'ENDEK-BIRU': 0 } }))).toBeNull();
  });

  it('puts a hidden product back once every SKU has stock, and not before', () => {
    expect(planStock(tiktok({ status: 'sold_out', acceptsPriceStock: false, wanted: { 'ENDEK-MERAH': 0, 'ENDEK-BIRU': 4 } }))).toBeNull();
    expect(planStock(tiktok({ status: 'sold_out', acceptsPriceStock: false, wanted: { 'ENDEK-MERAH': 1, 'ENDEK-BIRU': 4 } }))).toEqual({ kind: 'reactivate' });
  });

  it('sends a stock of 0 where the channel takes it (Lazada)', () => {
    expect(planStock(tiktok({ hidesSoldOut: false, wanted: { 'ENDEK-MERAH': 0, 'ENDEK-BIRU': 2 } }))).toEqual({
      kind: 'push', items: [{ productId: 'p1', skuId: 's1', sellerSku: 'ENDEK-MERAH', stock: 0 }],
    });
  });

  describe('heldAfterSend', () => {
    it('keeps what TikTok held for an existing SKU sent without a quantity, a new one holds none', () => {
      const wanted = { 'ENDEK-MERAH': 0, 'ENDEK-BIRU': 4, 'ENDEK-HIJAU': 0, 'ENDEK-PUTIH': 0 };
      const before = { 'ENDEK-MERAH': 3, 'ENDEK-BIRU': 2 };
      expect(heldAfterSend(wanted, before, new Set(['ENDEK-MERAH', 'ENDEK-BIRU', 'ENDEK-PUTIH']), true)).toEqual({ 'ENDEK-MERAH': 3, 'ENDEK-BIRU': 4, 'ENDEK-HIJAU': 0 });
      // Lazada takes 0: what was sent is what it holds.
      expect(heldAfterSend(wanted, before, new Set(['ENDEK-MERAH']), false)).toEqual(wanted);
    });
  });
});
