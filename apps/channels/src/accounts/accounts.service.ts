import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { CHANNELS, Caller, CatalogPatterns, Channel, ChannelAccountView, Services } from '@pk/contracts';
import { APP_CONFIG, AppConfig, DomainError, ErrorCode, newId, parseInput } from '@pk/core';
import { violatedUnique } from '@pk/database';
import { ServiceClients } from '@pk/messaging';
import type { ChannelTokens } from '../adapters/channel-adapter';
import { RunRow, runView } from '../export/run-view';
import { AccountSecrets, seal, unseal } from './sealed-secrets';

const iso = z.string().datetime({ offset: true, message: 'an ISO date-time, e.g. 2026-12-01T00:00:00+08:00' });
const secret = z.string().min(1, 'required').max(2000);

const createInput = z
  .object({
    channel: z.enum(CHANNELS, { errorMap: () => ({ message: `one of: ${CHANNELS.join(', ')}` }) }),
    scope: z.enum(['council', 'shop']),
    shopSlug: z.string().min(1).max(80).optional(),
    name: z.string().trim().min(1, 'required').max(120),
    appKey: secret,
    appSecret: secret,
    accessToken: secret,
    accessTokenExpiresAt: iso,
    refreshToken: secret,
    refreshTokenExpiresAt: iso.optional(),
    shopCipher: z.string().max(200).optional(),
    warehouseId: z.string().max(200).optional(),
  })
  .strict()
  .superRefine((a, ctx) => {
    if (a.scope === 'shop' && !a.shopSlug) ctx.addIssue({ code: 'custom', path: ['shopSlug'], message: 'required for a shop account' });
    if (a.scope === 'council' && a.shopSlug) ctx.addIssue({ code: 'custom', path: ['shopSlug'], message: 'only for a shop account' });
    if (a.channel === 'tiktok_shop') {
      for (const field of ['shopCipher', 'warehouseId'] as const) {
        if (!a[field]) ctx.addIssue({ code: 'custom', path: [field], message: 'required for TikTok Shop' });
      }
    }
  });

const updateInput = z
  .object({
    id: z.string().uuid('must be a UUID'),
    name: z.string().trim().min(1).max(120).optional(),
    status: z.enum(['active', 'disabled']).optional(),
    appSecret: secret.optional(),
    accessToken: secret.optional(),
    accessTokenExpiresAt: iso.optional(),
    refreshToken: secret.optional(),
    refreshTokenExpiresAt: iso.optional(),
  })
  .strict()
  .refine((u) => !u.accessToken === !u.accessTokenExpiresAt, { path: ['accessTokenExpiresAt'], message: 'send accessToken and accessTokenExpiresAt together' });

/** An account with what the adapters need, secrets opened. Never leaves this app. */
export interface ChannelAccount {
  id: string;
  channel: Channel;
  scope: 'council' | 'shop';
  artisanId: string | null;
  status: 'active' | 'disabled';
  appKey: string;
  secrets: AccountSecrets;
  accessTokenExpiresAt: string;
  refreshTokenExpiresAt: string | null;
  settings: { shopCipher?: string; warehouseId?: string };
}

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
  settings: ChannelAccount['settings'];
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
    await this.db.query(
      `UPDATE channels.accounts SET secrets = $2, access_token_expires_at = $3, refresh_token_expires_at = $4, updated_at = now()
       WHERE id = $1`,
      [account.id, seal(account.secrets, this.config.channels.secretKey), tokens.accessTokenExpiresAt, tokens.refreshTokenExpiresAt],
    );
  }

  private async shopId(slug: string): Promise<string> {
    try {
      const page = await this.clients.send<{ shop: { id: string } }>(Services.catalog, CatalogPatterns.shopPage, { slug, limit: 1 }, null);
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
  };
}
