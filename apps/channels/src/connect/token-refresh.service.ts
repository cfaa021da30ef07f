import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@pk/core';
import { ChannelError } from '../adapters/channel-errors';
import { AccountsService } from '../accounts/accounts.service';
import { ExportQueue } from '../export/export-queue';
import { ChannelConnectors } from './channel-connectors';

/** Tokens that lapse within this are refreshed by the schedule (it runs every 30 minutes by default). */
export const REFRESH_WITHIN_MS = 2 * 3600_000;

/** The channel refused the refresh token itself (expired, revoked, already rotated): only a new authorization helps. */
export function refreshTokenDead(error: unknown): error is ChannelError {
  return error instanceof ChannelError && error.isTokenProblem;
}

export function reconnectReason(error: ChannelError): string {
  return `The channel refused to refresh the account's tokens (${error.code ?? error.kind}): ${error.reason} Connect the account again.`;
}

export interface RefreshSweep {
  refreshed: string[];
  needsReconnect: string[];
  /** Not refreshed this time (network, channel down): tried again at the next sweep. */
  retryLater: string[];
}

/**
 * The scheduled refresh of authorized accounts: each access token that lapses within two hours is
 * refreshed through the channel's connector and the new tokens (Lazada's refresh token rotates)
 * stored at once. A refusal of the refresh token marks the account for its owner to reconnect.
 */
@Injectable()
export class TokenRefreshService implements OnApplicationBootstrap {
  private readonly logger = new Logger(TokenRefreshService.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly accounts: AccountsService,
    private readonly connectors: ChannelConnectors,
    private readonly queue: ExportQueue,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.workers) return;
    await this.queue.scheduleTokenRefresh().catch((error: Error) => this.logger.error(`token refresh not scheduled: ${error.message}`));
  }

  async refreshLapsing(): Promise<RefreshSweep> {
    const sweep: RefreshSweep = { refreshed: [], needsReconnect: [], retryLater: [] };
    for (const id of await this.accounts.lapsingWithin(REFRESH_WITHIN_MS)) {
      sweep[await this.refreshOne(id)].push(id);
    }
    return sweep;
  }

  private async refreshOne(id: string): Promise<keyof RefreshSweep> {
    const account = await this.accounts.load(id);
    const connector = this.connectors.for(account.channel);
    if (!connector) return 'retryLater';
    const used = account.secrets.refreshToken;
    try {
      await this.accounts.saveTokens(account, await connector.refresh(used));
      return 'refreshed';
    } catch (error) {
      if (!refreshTokenDead(error)) {
        this.logger.warn(`account ${id}: token refresh failed, tried again next time: ${(error as Error).message}`);
        return 'retryLater';
      }
      // A run's adapter may have rotated the token meanwhile: only the token still stored is dead.
      if ((await this.accounts.load(id)).secrets.refreshToken !== used) return 'refreshed';
      await this.accounts.markNeedsReconnect(id, reconnectReason(error));
      return 'needsReconnect';
    }
  }
}
