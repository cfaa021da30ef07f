import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CHANNEL_NAMES, Caller, CatalogPatterns, Channel, ChannelAccountView, Services } from '@pk/contracts';
import { APP_CONFIG, AppConfig, DomainError, ErrorCode, newId, parseInput } from '@pk/core';
import { violatedUnique } from '@pk/database';
import { ServiceClients } from '@pk/messaging';
import type { ChannelSeller, ChannelTokens } from '../adapters/channel-adapter';
import { RunRow, runView } from '../export/run-view';
import { AccountSecrets, seal, unseal } from './sealed-secrets';
import { accountCreateInput as createInput, accountUpdateInput as updateInput } from '@pk/contracts/requests/channels';

/** What the channel's authorization told us about the seller, kept with the account. */
export interface AccountSettings {
  shopCipher?: string;
  warehouseId?: string;
  listingPlatforms?: Array<'TOKOPEDIA' | 'TIKTOK_SHOP'>;
  sellerId?: string;
  region?: string;
}

/** An account with what the adapters need, secrets opened. Never leaves this app. */
export interface ChannelAccount {
  id: string;
  channel: Channel;
  scope: 'council' | 'shop';
  artisanId: string | null;
  status: 'active' | 'disabled';
  /** 'authorization': our app's key and secret (config) with the seller's tokens; 'tokens': pasted, with its own app secret. */
  connectedVia: 'authorization' | 'tokens';
  needsReconnect: boolean;
  reconnectReason: string | null;
  appKey: string;
  secrets: AccountSecrets;
  accessTokenExpiresAt: string;
  refreshTokenExpiresAt: string | null;
  settings: AccountSettings;
}

/** Who an authorization was for: the council's account of the channel, or one shop's. */
export interface AccountOwner {
  scope: 'council' | 'shop';
  artisanId: string | null;
  shopSlug: string | null;
}

/** Thrown when the seller the channel authorized is another owner's account already. */
export class SellerTaken extends Error {}

interface AccountRow {
  id: string;
  channel: Channel;
  scope: 'council' | 'shop';
  artisan_id: string | null;
  shop_slug: string | null;
  name: string;
  status: 'active' | 'disabled';
  app_key: string;
  secrets: string;
  access_token_expires_at: Date;
  refresh_token_expires_at: Date | null;
  settings: AccountSettings;
  connected_via: 'authorization' | 'tokens';
  seller_name: string | null;
  needs_reconnect: boolean;
  reconnect_reason: string | null;
  created_at: Date;
  last_run: RunRow | null;
}

const ACCOUNT_SQL = `
  SELECT a.*, (SELECT row_to_json(r) FROM channels.runs r WHERE r.account_id = a.id AND r.kind <> 'stock'
               ORDER BY r.created_at DESC LIMIT 1) AS last_run
  FROM channels.accounts a`;

/** Channel accounts, council-wide or per shop, kept by curators; secrets sealed at rest. */
@Injectable()
export class AccountsService {
  constructor(
    private readonly db: DataSource,
    private readonly clients: ServiceClients,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async create(caller: Caller, data: unknown): Promise<ChannelAccountView> {
    const input = parseInput(createInput, data);
    const artisanId = input.shopSlug ? await this.shopId(input.shopSlug) : null;
    const id = newId();
    const secrets = seal({ appSecret: input.appSecret, accessToken: input.accessToken, refreshToken: input.refreshToken }, this.config.channels.secretKey);
    try {
      await this.db.query(
        `INSERT INTO channels.accounts (id, channel, scope, artisan_id, shop_slug, name, app_key, secrets,
           access_token_expires_at, refresh_token_expires_at, settings, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
        [id, input.channel, input.scope, artisanId, input.shopSlug ?? null, input.name, input.appKey, secrets,
         input.accessTokenExpiresAt, input.refreshTokenExpiresAt ?? null,
         JSON.stringify({ shopCipher: input.shopCipher, warehouseId: input.warehouseId }), caller.userId],
      );
    } catch (error) {
      if (!violatedUnique(error)) throw error;
      const which = input.scope === 'council' ? 'The council already has' : `Shop ${input.shopSlug} already has`;
      throw new DomainError(ErrorCode.conflict, `${which} a ${input.channel} account; change that one instead.`, { channel: input.channel });
    }
    return this.view(id);
  }

  async update(data: unknown): Promise<ChannelAccountView> {
    const input = parseInput(updateInput, data);
    const account = await this.load(input.id);
    const secrets: AccountSecrets = {
      appSecret: input.appSecret ?? account.secrets.appSecret,
      accessToken: input.accessToken ?? account.secrets.accessToken,
      refreshToken: input.refreshToken ?? account.secrets.refreshToken,
    };
    await this.db.query(
      `UPDATE channels.accounts SET name = coalesce($2, name), status = coalesce($3, status), secrets = $4,
         access_token_expires_at = coalesce($5, access_token_expires_at),
         refresh_token_expires_at = coalesce($6, refresh_token_expires_at), updated_at = now()
       WHERE id = $1`,
      [input.id, input.name ?? null, input.status ?? null, seal(secrets, this.config.channels.secretKey),
       input.accessTokenExpiresAt ?? null, input.refreshTokenExpiresAt ?? null],
    );
    return this.view(input.id);
  }

  async list(): Promise<{ items: ChannelAccountView[] }> {
    const rows: AccountRow[] = await this.db.query(`${ACCOUNT_SQL} ORDER BY a.scope, a.channel, a.created_at`);
    return { items: rows.map(toView) };
  }

  /** A shop's own accounts (an artisan's view). */
  async listForShop(artisanId: string): Promise<{ items: ChannelAccountView[] }> {
    const rows: AccountRow[] = await this.db.query(`${ACCOUNT_SQL} WHERE a.artisan_id = $1 ORDER BY a.channel`, [artisanId]);
    return { items: rows.map(toView) };
  }

  /**
   * The owner disconnects their own account: it stops exporting (the council's account covers the
   * shop again) and its tokens are wiped. Another shop's account is "not found", whatever its id.
   */
  async disconnect(id: string, artisanId: string): Promise<ChannelAccountView> {
    const rows: Array<{ id: string }> = await this.db.query(`SELECT id FROM channels.accounts WHERE id = $1 AND artisan_id = $2`, [id, artisanId]);
    if (!rows.length) throw new DomainError(ErrorCode.notFound, 'No such channel account.', { accountId: id });
    await this.db.query(
      `UPDATE channels.accounts SET status = 'disabled', secrets = $2, needs_reconnect = false, reconnect_reason = NULL, updated_at = now() WHERE id = $1`,
      [id, seal({ appSecret: '', accessToken: '', refreshToken: '' }, this.config.channels.secretKey)],
    );
    return this.view(id);
  }

  /**
   * The account an authorization made: the owner's account of the channel is updated (a reconnect,
   * or an older pasted-token account moving to the flow), else one is created. Tokens sealed; the
   * app key is ours (config), the app secret is never stored per account.
   */
  async saveAuthorized(channel: Channel, owner: AccountOwner, createdBy: string, appKey: string, tokens: ChannelTokens, seller: ChannelSeller): Promise<string> {
    const settings: AccountSettings = {
      shopCipher: seller.shopCipher,
      warehouseId: seller.warehouseId,
      listingPlatforms: seller.listingPlatforms,
      sellerId: seller.sellerId,
      region: seller.region,
    };
    const secrets = seal({ appSecret: '', accessToken: tokens.accessToken, refreshToken: tokens.refreshToken }, this.config.channels.secretKey);
    const name = `${CHANNEL_NAMES[channel]} · ${seller.name}`.slice(0, 120);
    const ownerSql = owner.scope === 'council' ? `scope = 'council' AND $2::uuid IS NULL` : `scope = 'shop' AND artisan_id = $2::uuid`;
    try {
      return await this.db.transaction(async (tx) => {
        const taken: Array<{ id: string }> = await tx.query(
          `SELECT id FROM channels.accounts WHERE channel = $1 AND status = 'active' AND NOT (${ownerSql})
             AND (seller_id = $3 OR ($4::text IS NOT NULL AND settings->>'shopCipher' = $4))`,
          [channel, owner.artisanId, seller.sellerId, seller.shopCipher ?? null],
        );
        if (taken.length) throw new SellerTaken(`seller ${seller.sellerId} is connected by another account`);
        const existing: Array<{ id: string }> = await tx.query(`SELECT id FROM channels.accounts WHERE channel = $1 AND ${ownerSql} FOR UPDATE`, [channel, owner.artisanId]);
        const values = [appKey, secrets, tokens.accessTokenExpiresAt, tokens.refreshTokenExpiresAt, JSON.stringify(settings), seller.sellerId, seller.name];
        if (existing.length) {
          await tx.query(
            `UPDATE channels.accounts SET connected_via = 'authorization', app_key = $2, secrets = $3, access_token_expires_at = $4,
               refresh_token_expires_at = $5, settings = $6, seller_id = $7, seller_name = $8, status = 'active',
               needs_reconnect = false, reconnect_reason = NULL, tokens_refreshed_at = now(), updated_at = now()
             WHERE id = $1`,
            [existing[0]!.id, ...values],
          );
          return existing[0]!.id;
        }
        const id = newId();
        await tx.query(
          `INSERT INTO channels.accounts (id, channel, scope, artisan_id, shop_slug, name, connected_via, app_key, secrets,
             access_token_expires_at, refresh_token_expires_at, settings, seller_id, seller_name, created_by, tokens_refreshed_at)
           VALUES ($1, $2, $3, $4, $5, $6, 'authorization', $7, $8, $9, $10, $11, $12, $13, $14, now())`,
          [id, channel, owner.scope, owner.artisanId, owner.shopSlug, name, ...values, createdBy],
        );
        return id;
      });
    } catch (error) {
      if (violatedUnique(error)?.constraint === 'accounts_one_per_seller') throw new SellerTaken(`seller ${seller.sellerId} is connected by another account`);
      throw error;
    }
  }

  /** The refresh token is dead (refused, expired, revoked): the owner must connect again; runs skip the account till then. */
  async markNeedsReconnect(id: string, reason: string): Promise<void> {
    await this.db.query(`UPDATE channels.accounts SET needs_reconnect = true, reconnect_reason = $2, updated_at = now() WHERE id = $1`, [id, reason]);
  }

  /** Authorized, active accounts whose access token lapses within `withinMs` (and that can still refresh). */
  async lapsingWithin(withinMs: number): Promise<string[]> {
    const rows: Array<{ id: string }> = await this.db.query(
      `SELECT id FROM channels.accounts
       WHERE status = 'active' AND connected_via = 'authorization' AND NOT needs_reconnect
         AND access_token_expires_at < now() + $1 * interval '1 millisecond'
       ORDER BY access_token_expires_at`,
      [withinMs],
    );
    return rows.map((r) => r.id);
  }

  /** The account the channel's category data is read through: the council's first, else any active one. */
  async catalogueAccount(channel: Channel): Promise<string | null> {
    const rows: Array<{ id: string }> = await this.db.query(
      `SELECT id FROM channels.accounts WHERE channel = $1 AND status = 'active' AND NOT needs_reconnect
       ORDER BY (scope = 'council') DESC, created_at LIMIT 1`,
      [channel],
    );
    return rows[0]?.id ?? null;
  }

  async view(id: string): Promise<ChannelAccountView> {
    const rows: AccountRow[] = await this.db.query(`${ACCOUNT_SQL} WHERE a.id = $1`, [id]);
    if (!rows.length) throw new DomainError(ErrorCode.notFound, 'No such channel account.', { accountId: id });
    return toView(rows[0]);
  }

  async load(id: string): Promise<ChannelAccount> {
    const rows: AccountRow[] = await this.db.query(`SELECT *, NULL AS last_run FROM channels.accounts WHERE id = $1`, [id]);
    if (!rows.length) throw new DomainError(ErrorCode.notFound, 'No such channel account.', { accountId: id });
    const r = rows[0];
    return {
      id: r.id,
      channel: r.channel,
      scope: r.scope,
      artisanId: r.artisan_id,
      status: r.status,
      connectedVia: r.connected_via,
      needsReconnect: r.needs_reconnect,
      reconnectReason: r.reconnect_reason,
      appKey: r.app_key,
      secrets: unseal(r.secrets, this.config.channels.secretKey),
      accessTokenExpiresAt: new Date(r.access_token_expires_at).toISOString(),
      refreshTokenExpiresAt: r.refresh_token_expires_at ? new Date(r.refresh_token_expires_at).toISOString() : null,
      settings: r.settings,
    };
  }

  /** The active accounts that export a shop's listings: its own per channel, else the council's. */
  async covering(artisanId: string): Promise<string[]> {
    const rows: Array<{ id: string }> = await this.db.query(
      `SELECT a.id FROM channels.accounts a
       WHERE a.status = 'active' AND (a.artisan_id = $1 OR (a.scope = 'council' AND NOT EXISTS (
         SELECT 1 FROM channels.accounts s WHERE s.scope = 'shop' AND s.channel = a.channel AND s.artisan_id = $1 AND s.status = 'active')))
       ORDER BY a.channel`,
      [artisanId],
    );
    return rows.map((r) => r.id);
  }

  async activeIds(): Promise<string[]> {
    const rows: Array<{ id: string }> = await this.db.query(`SELECT id FROM channels.accounts WHERE status = 'active'`);
    return rows.map((r) => r.id);
  }

  /** Stores tokens the adapter refreshed; the old refresh token no longer works after a rotation. */
  async saveTokens(account: ChannelAccount, tokens: ChannelTokens): Promise<void> {
    account.secrets = { ...account.secrets, accessToken: tokens.accessToken, refreshToken: tokens.refreshToken };
    account.accessTokenExpiresAt = tokens.accessTokenExpiresAt;
    account.refreshTokenExpiresAt = tokens.refreshTokenExpiresAt;
    account.needsReconnect = false;
    account.reconnectReason = null;
    await this.db.query(
      `UPDATE channels.accounts SET secrets = $2, access_token_expires_at = $3, refresh_token_expires_at = $4,
         needs_reconnect = false, reconnect_reason = NULL, tokens_refreshed_at = now(), updated_at = now()
       WHERE id = $1`,
      [account.id, seal(account.secrets, this.config.channels.secretKey), tokens.accessTokenExpiresAt, tokens.refreshTokenExpiresAt],
    );
  }

  private async shopId(slug: string): Promise<string> {
    try {
      const page = await this.clients.sendAsService<{ shop: { id: string } }>(Services.catalog, CatalogPatterns.shopPage, { slug, limit: 1 });
      return page.shop.id;
    } catch (error) {
      if (error instanceof DomainError && error.code === ErrorCode.notFound) {
        throw new DomainError(ErrorCode.validationFailed, 'Please correct: shopSlug.', [{ field: 'shopSlug', messages: [`no verified shop "${slug}"`] }]);
      }
      throw error;
    }
  }
}

function toView(r: AccountRow): ChannelAccountView {
  return {
    id: r.id,
    channel: r.channel,
    scope: r.scope,
    artisanId: r.artisan_id,
    shopSlug: r.shop_slug,
    name: r.name,
    status: r.status,
    appKey: r.app_key,
    accessTokenExpiresAt: new Date(r.access_token_expires_at).toISOString(),
    createdAt: new Date(r.created_at).toISOString(),
    lastRun: r.last_run ? runView({ ...r.last_run, channel: r.channel }) : null,
    connectedVia: r.connected_via,
    sellerName: r.seller_name,
    needsReconnect: r.needs_reconnect,
    reconnectReason: r.reconnect_reason,
  };
}
