import { ChannelCode, type ChannelConnector, type ChannelSeller, type ChannelTokens } from '../channel-adapter';
import { ChannelError, ChannelErrorKind } from '../channel-errors';
import { TikTokShopClient, type ListingPlatform } from './tiktok-shop.client';
import { tiktokAuthHost, tiktokTokens } from './tiktok-shop.http';

export interface TikTokShopConnectorConfig {
  appKey: string;
  appSecret: string;
  /** The API host (open-api.tiktokglobalshop.com). */
  apiUrl?: string;
  /** The auth host (auth.tiktok-shops.com). */
  authUrl?: string;
  /** Aliases used by the adapters' config. */
  baseUrl?: string;
  authBaseUrl?: string;
  /**
   * The app's authorization link as Partner Center's "Copy authorization link" gives it
   * (https://services.tiktokshop.com/open/authorize?service_id=…), per
   * developer-guide/get-started/authorization/authorization-guide-202309.json.
   */
  authorizeUrl?: string;
  clock?: () => number;
  timeoutMs?: number;
}

const V = '202309';

interface Shop {
  id: string;
  name: string;
  region: string;
  seller_type?: string;
  cipher: string;
  code?: string;
}

interface Warehouse {
  id: string;
  name?: string;
  effect_status?: string;
  type?: string;
  is_default?: boolean;
}

/** TikTok Shop's seller authorization for our app (one app key and secret for every seller). */
export class TikTokShopConnector implements ChannelConnector {
  readonly channel = ChannelCode.tiktokShop;
  private readonly apiUrl: string;
  private readonly authUrl: string;
  private readonly timeoutMs: number;

  constructor(private readonly config: TikTokShopConnectorConfig) {
    this.apiUrl = config.apiUrl ?? config.baseUrl ?? 'https://open-api.tiktokglobalshop.com';
    this.authUrl = tiktokAuthHost(config.authUrl ?? config.authBaseUrl, this.apiUrl);
    this.timeoutMs = config.timeoutMs ?? 15_000;
  }

  /**
   * authorization-guide-202309.json: the app's link plus a `state` the redirect brings back with
   * the `code`. TikTok redirects to the Redirect URL registered with the app in Partner Center,
   * which must be `redirectUri`; it is passed too, for the sandbox that stands in for that
   * registration. A link without `service_id` names the app by its key (the sandbox takes either).
   */
  authorizeUrl(state: string, redirectUri: string): string {
    const url = new URL(this.config.authorizeUrl ?? 'https://services.tiktokshop.com/open/authorize');
    if (!url.searchParams.has('service_id')) url.searchParams.set('app_key', this.config.appKey);
    url.searchParams.set('state', state);
    url.searchParams.set('redirect_uri', redirectUri);
    return url.toString();
  }

  /** GET /api/v2/token/get on the auth host (authorization-overview-202407.json); the code is good once, for 30 minutes. */
  async exchangeCode(code: string): Promise<ChannelTokens> {
    return (await tiktokTokens(this.authHost(), { authCode: code })).tokens;
  }

  /** GET /api/v2/token/refresh on the auth host (authorization-overview-202407.json). */
  async refresh(refreshToken: string): Promise<ChannelTokens> {
    return (await tiktokTokens(this.authHost(), { refreshToken })).tokens;
  }

  /**
   * Get Authorized Shops (authorization/get-authorized-shops.spec.json) for the cipher, name, id
   * and region; Get Warehouse List (logistics/get-warehouse-list.spec.json) for the default
   * SALES_WAREHOUSE. Whether the seller was migrated from Tokopedia: the docs give no flag in the
   * TikTok Shop API (the one-pager's Get Shop Info is Tokopedia's Open API, switched off), but
   * Get Warehouse Delivery Options (logistics/get-warehouse-delivery-options.spec.json) names the
   * `platform` of each option, and TOKOPEDIA there means the shop sells on Tokopedia.
   */
  async describeSeller(tokens: ChannelTokens): Promise<ChannelSeller> {
    const unscoped = this.client(tokens);
    const { shops = [] } = await unscoped.request<{ shops?: Shop[] }>({
      method: 'GET',
      path: `/authorization/${V}/shops`,
      api: 'authorization.shops',
      // authorization/get-authorized-shops.spec.json: app_key, sign, timestamp only.
      shopScoped: false,
      idempotent: true,
    });
    // A local Indonesian seller has one shop (seller/get-active-shops.spec.json: "Local sellers only have 1 shop").
    const shop = shops.find((s) => s.region === 'ID') ?? shops[0];
    if (!shop) throw this.refused('TikTok Shop authorized no shop for this seller: authorize with a seller account that has a shop.');
    const scoped = this.client(tokens, shop.cipher);
    const { warehouses = [] } = await scoped.request<{ warehouses?: Warehouse[] }>({
      method: 'GET',
      path: `/logistics/${V}/warehouses`,
      api: 'logistics.warehouses',
      shopScoped: true,
      idempotent: true,
    });
    const sales = warehouses.filter((w) => w.type === 'SALES_WAREHOUSE');
    const warehouse = sales.find((w) => w.is_default) ?? sales.find((w) => w.effect_status === 'ENABLED') ?? sales[0];
    if (!warehouse) throw this.refused(`The TikTok shop "${shop.name}" has no sales warehouse: add one in Seller Center, then connect again.`);
    const { delivery_options: options = [] } = await scoped.request<{ delivery_options?: Array<{ platform?: string[] }> }>({
      method: 'GET',
      path: `/logistics/${V}/warehouses/${encodeURIComponent(warehouse.id)}/delivery_options`,
      api: 'logistics.delivery_options',
      shopScoped: true,
      idempotent: true,
    });
    const onTokopedia = options.some((o) => o.platform?.includes('TOKOPEDIA'));
    const listingPlatforms: ListingPlatform[] | undefined = onTokopedia ? ['TIKTOK_SHOP', 'TOKOPEDIA'] : undefined;
    return {
      name: shop.name,
      sellerId: shop.id,
      shopCipher: shop.cipher,
      warehouseId: warehouse.id,
      ...(listingPlatforms ? { listingPlatforms } : {}),
      region: shop.region,
    };
  }

  private authHost() {
    return { authUrl: this.authUrl, appKey: this.config.appKey, appSecret: this.config.appSecret, timeoutMs: this.timeoutMs };
  }

  /** A client for the seller being connected: no refresh (the tokens are minutes old), no shared limiter key clash. */
  private client(tokens: ChannelTokens, shopCipher?: string) {
    return new TikTokShopClient({
      accountId: `connect:${shopCipher ?? 'shops'}`,
      baseUrl: this.apiUrl,
      authBaseUrl: this.authUrl,
      appKey: this.config.appKey,
      appSecret: this.config.appSecret,
      tokens,
      shopCipher,
      clock: this.config.clock,
      timeoutMs: this.timeoutMs,
      retry: { maxAttempts: 4 },
    });
  }

  private refused(reason: string) {
    return new ChannelError({ channel: 'tiktok_shop', kind: ChannelErrorKind.invalidField, code: 'tiktok.no_shop', reason });
  }
}
