import { AppConfig } from '@pk/core';
import type { ChannelConnector, ChannelTokens } from '../adapters/channel-adapter';
import { ChannelError, ChannelErrorKind } from '../adapters/channel-errors';
import { AccountsService, ChannelAccount } from '../accounts/accounts.service';
import { ExportQueue } from '../export/export-queue';
import { ChannelConnectors } from './channel-connectors';
import { TokenRefreshService } from './token-refresh.service';

const tokens: ChannelTokens = { accessToken: 'new-access', accessTokenExpiresAt: '2026-12-14T00:00:00.000Z', refreshToken: 'new-refresh', refreshTokenExpiresAt: null };
const account = (refreshToken = 'old-refresh'): ChannelAccount => ({
  id: 'a1', channel: 'lazada', scope: 'shop', artisanId: 'x', status: 'active', connectedVia: 'authorization', needsReconnect: false, reconnectReason: null,
  appKey: 'k', secrets: { appSecret: '', accessToken: 'old-access', refreshToken }, accessTokenExpiresAt: '2026-12-07T01:00:00.000Z', refreshTokenExpiresAt: null, settings: {},
});

function setup(refresh: ChannelConnector['refresh'], storedAfter = 'old-refresh') {
  const accounts = {
    lapsingWithin: jest.fn().mockResolvedValue(['a1']),
    load: jest.fn().mockResolvedValueOnce(account()).mockResolvedValue(account(storedAfter)),
    saveTokens: jest.fn().mockResolvedValue(undefined),
    markNeedsReconnect: jest.fn().mockResolvedValue(undefined),
  };
  const connectors = { for: () => ({ refresh }) } as unknown as ChannelConnectors;
  const service = new TokenRefreshService({ workers: false } as AppConfig, accounts as unknown as AccountsService, connectors, {} as ExportQueue);
  return { service, accounts };
}

describe('the scheduled token refresh', () => {
  it('stores the new tokens at once', async () => {
    const { service, accounts } = setup(jest.fn().mockResolvedValue(tokens));
    expect(await service.refreshLapsing()).toEqual({ refreshed: ['a1'], needsReconnect: [], retryLater: [] });
    expect(accounts.saveTokens).toHaveBeenCalledWith(expect.objectContaining({ id: 'a1' }), tokens);
    expect(accounts.lapsingWithin).toHaveBeenCalledWith(2 * 3600_000);
  });

  it('marks the account for reconnect when the channel refuses the refresh token', async () => {
    const refused = new ChannelError({ channel: 'lazada', kind: ChannelErrorKind.invalidToken, code: 'IllegalRefreshToken', reason: 'Lazada no longer accepts the refresh token.' });
    const { service, accounts } = setup(jest.fn().mockRejectedValue(refused));
    expect((await service.refreshLapsing()).needsReconnect).toEqual(['a1']);
    expect(accounts.markNeedsReconnect).toHaveBeenCalledWith('a1', expect.stringContaining('IllegalRefreshToken'));
  });

  it('tries again next time after a network error or a channel that is down', async () => {
    for (const error of [new TypeError('fetch failed'), new ChannelError({ channel: 'lazada', kind: ChannelErrorKind.unavailable, reason: 'Lazada is down.' })]) {
      const { service, accounts } = setup(jest.fn().mockRejectedValue(error));
      expect((await service.refreshLapsing()).retryLater).toEqual(['a1']);
      expect(accounts.markNeedsReconnect).not.toHaveBeenCalled();
      expect(accounts.saveTokens).not.toHaveBeenCalled();
    }
  });

  it('does not mark an account whose token a run rotated meanwhile', async () => {
    const refused = new ChannelError({ channel: 'lazada', kind: ChannelErrorKind.invalidToken, reason: 'spent' });
    const { service, accounts } = setup(jest.fn().mockRejectedValue(refused), 'rotated-by-a-run');
    expect((await service.refreshLapsing()).refreshed).toEqual(['a1']);
    expect(accounts.markNeedsReconnect).not.toHaveBeenCalled();
  });
});
