import { DataSource } from 'typeorm';
import { Caller } from '@pk/contracts';
import { AppConfig, DomainError } from '@pk/core';
import { ServiceClients } from '@pk/messaging';
import { AccountsService } from '../accounts/accounts.service';
import { ExportQueue } from '../export/export-queue';
import { ChannelConnectors } from './channel-connectors';
import { ConnectService } from './connect.service';

const curator: Caller = { userId: '01a00000-0000-7000-8000-000000000001', roles: ['curator'] } as Caller;
const config = { channels: { publicUrl: 'https://pasarkriya.id' } } as AppConfig;
const unconfigured = { for: () => null, appOf: () => null } as unknown as ChannelConnectors;

describe('connecting a channel whose app is not configured', () => {
  it('refuses to start with channel_unconfigured, and stores no state', async () => {
    const db = { query: jest.fn() };
    const service = new ConnectService(db as unknown as DataSource, {} as ServiceClients, config, unconfigured, {} as AccountsService, {} as ExportQueue);
    const error = await service.start(curator, { channel: 'lazada', scope: 'council' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe('channel_unconfigured');
    expect(db.query).not.toHaveBeenCalled();
  });

  it('sends a callback that arrives after the credentials were removed back with channel_unconfigured', async () => {
    const row = { channel: 'lazada', scope: 'council', artisan_id: null, shop_slug: null, requested_by: curator.userId, expires_at: new Date(Date.now() + 60_000), used_at: new Date() };
    const db = { query: jest.fn().mockResolvedValue([[row], 1]) };
    const service = new ConnectService(db as unknown as DataSource, {} as ServiceClients, config, unconfigured, {} as AccountsService, {} as ExportQueue);
    expect(await service.callback({ channel: 'lazada', code: 'c0de', state: 's'.repeat(43) })).toEqual({ location: '/curator/channels?connectError=channel_unconfigured&channel=lazada' });
  });

  it('never throws on a malformed callback', async () => {
    const service = new ConnectService({ query: jest.fn() } as unknown as DataSource, {} as ServiceClients, config, unconfigured, {} as AccountsService, {} as ExportQueue);
    expect(await service.callback({ channel: 'lazada', state: 'x'.repeat(500) })).toEqual({ location: '/seller/channels?connectError=state_invalid' });
    expect(await service.callback(null)).toEqual({ location: '/seller/channels?connectError=state_invalid' });
  });
});
