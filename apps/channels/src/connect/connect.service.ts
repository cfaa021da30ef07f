import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CHANNELS, Caller, CatalogPatterns, Channel, ChannelConnectError, ChannelConnectStart, Roles, Services } from '@pk/contracts';
import { APP_CONFIG, AppConfig, DomainError, ErrorCode, hasAnyRole, parseInput } from '@pk/core';
import { returned } from '@pk/database';
import { ServiceClients } from '@pk/messaging';
import type { ChannelSeller, ChannelTokens } from '../adapters/channel-adapter';
import { AccountOwner, AccountsService, SellerTaken } from '../accounts/accounts.service';
import { ExportQueue } from '../export/export-queue';
import { ChannelConnectors } from './channel-connectors';
import { connectCallbackInput as callbackInput, connectStartInput as startInput } from '@pk/contracts/requests/channels';

const STATE_TTL_MS = 10 * 60_000;
// What the channel puts on the redirect: TikTok Shop `code` (its guide calls the value auth_code), Lazada `code`; both `state`.

interface StateRow {
  channel: Channel;
  scope: 'council' | 'shop';
  artisan_id: string | null;
  shop_slug: string | null;
  requested_by: string;
  expires_at: Date;
  used_at: Date | null;
}

/** Where the callback sends the browser: the page the flow started from, with the outcome. */
export interface ConnectRedirect {
  location: string;
}

const hashOf = (state: string) => createHash('sha256').update(state).digest('hex');
const pageOf = (scope: 'council' | 'shop' | null) => (scope === 'council' ? '/curator/channels' : '/seller/channels');

/**
 * Connecting a seller account by the channel's authorization flow: a one-use state (stored
 * hashed, ten minutes) and the link the seller follows; the callback exchanges the code at the
 * channel's auth host, learns who the seller is and creates or reconnects the owner's account.
 */
@Injectable()
export class ConnectService {
  private readonly logger = new Logger(ConnectService.name);

  constructor(
    private readonly db: DataSource,
    private readonly clients: ServiceClients,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly connectors: ChannelConnectors,
    private readonly accounts: AccountsService,
    private readonly queue: ExportQueue,
  ) {}

  /** An artisan for their own shop, or a curator for the council's account. */
  async start(caller: Caller, data: unknown): Promise<ChannelConnectStart> {
    const input = parseInput(startInput, data);
    const owner = await this.ownerFor(caller, input.scope);
    const connector = this.connectors.for(input.channel);
    if (!connector) {
      throw new DomainError(ErrorCode.channelUnconfigured, `${input.channel} cannot be connected yet: the app's key and secret are not configured.`, { channel: input.channel });
    }
    const state = randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.now() + STATE_TTL_MS);
    await this.db.query(`DELETE FROM channels.connect_states WHERE expires_at < now() - interval '1 day'`);
    await this.db.query(
      `INSERT INTO channels.connect_states (state_hash, channel, scope, artisan_id, shop_slug, requested_by, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [hashOf(state), input.channel, owner.scope, owner.artisanId, owner.shopSlug, caller.userId, expiresAt],
    );
    return { url: connector.authorizeUrl(state, this.redirectUri(input.channel)), expiresAt: expiresAt.toISOString() };
  }

  /** Every outcome is a page to send the browser to (the gateway makes one of anything unexpected too). */
  async callback(data: unknown): Promise<ConnectRedirect> {
    const parsed = callbackInput.safeParse(data ?? {});
    if (!parsed.success || !parsed.data.state) return this.failed(null, 'state_invalid');
    const q = parsed.data;
    const ch = CHANNELS.find((c) => c === q.channel) ?? null;
    // Spent at once, whatever comes next: a state is good for one attempt.
    const rows = returned<StateRow>(await this.db.query(
      `UPDATE channels.connect_states SET used_at = now() WHERE state_hash = $1 AND used_at IS NULL AND channel = $2
       RETURNING channel, scope, artisan_id, shop_slug, requested_by, expires_at, used_at`,
      [hashOf(q.state!), q.channel],
    ));
    const row = rows[0];
    if (!row) {
      const known: Array<{ scope: 'council' | 'shop' }> = await this.db.query(`SELECT scope FROM channels.connect_states WHERE state_hash = $1`, [hashOf(q.state!)]);
      return this.failed(known[0]?.scope ?? null, 'state_invalid', ch);
    }
    if (new Date(row.expires_at).getTime() < Date.now()) return this.failed(row.scope, 'state_expired', row.channel);
    const code = q.code ?? q.auth_code;
    if (q.error || !code) return this.failed(row.scope, 'denied', row.channel);
    const connector = this.connectors.for(row.channel);
    const app = this.connectors.appOf(row.channel);
    if (!connector || !app) return this.failed(row.scope, 'channel_unconfigured', row.channel);

    let tokens: ChannelTokens;
    let seller: ChannelSeller;
    try {
      tokens = await connector.exchangeCode(code);
      seller = await connector.describeSeller(tokens);
    } catch (error) {
      this.logger.warn(`${row.channel} authorization could not be completed: ${(error as Error).message}`);
      return this.failed(row.scope, 'exchange_failed', row.channel);
    }
    const owner: AccountOwner = { scope: row.scope, artisanId: row.artisan_id, shopSlug: row.shop_slug };
    let accountId: string;
    try {
      accountId = await this.accounts.saveAuthorized(row.channel, owner, row.requested_by, app.appKey, tokens, seller);
    } catch (error) {
      if (error instanceof SellerTaken) return this.failed(row.scope, 'seller_taken', row.channel);
      this.logger.error(`${row.channel} account not saved: ${(error as Error).stack}`);
      return this.failed(row.scope, 'exchange_failed', row.channel);
    }
    await this.queue.schedule(accountId, true).catch((error: Error) => this.logger.warn(`account ${accountId} not scheduled yet: ${error.message}`));
    return { location: `${pageOf(row.scope)}?connected=${row.channel}` };
  }

  private failed(scope: 'council' | 'shop' | null, code: ChannelConnectError, ch: Channel | null = null): ConnectRedirect {
    return { location: `${pageOf(scope)}?connectError=${code}${ch ? `&channel=${ch}` : ''}` };
  }

  private redirectUri(ch: Channel): string {
    return `${this.config.channels.publicUrl.replace(/\/+$/, '')}/api/v1/channels/connect/${ch}/callback`;
  }

  private async ownerFor(caller: Caller, scope: 'shop' | 'council'): Promise<AccountOwner> {
    if (scope === 'council') {
      if (!hasAnyRole(caller, [Roles.curator])) throw new DomainError(ErrorCode.forbidden, 'Only curators connect the council account.', { requiredRoles: [Roles.curator] });
      return { scope, artisanId: null, shopSlug: null };
    }
    if (!hasAnyRole(caller, [Roles.artisan])) throw new DomainError(ErrorCode.forbidden, 'Only a verified shop owner connects a shop account.', { requiredRoles: [Roles.artisan] });
    const artisan = await this.clients.send<{ id: string; shopSlug: string; status: string }>(Services.catalog, CatalogPatterns.artisanMine, {}, caller);
    if (artisan.status !== 'verified') throw new DomainError(ErrorCode.artisanNotVerified, 'Your shop must be verified by the council before it connects a channel.', { artisanId: artisan.id });
    return { scope, artisanId: artisan.id, shopSlug: artisan.shopSlug };
  }
}
