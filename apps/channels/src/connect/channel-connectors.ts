import { Inject, Injectable } from '@nestjs/common';
import { Channel } from '@pk/contracts';
import { APP_CONFIG, AppConfig, ChannelApp } from '@pk/core';
import type { ChannelConnector } from '../adapters/channel-adapter';
import { LazadaConnector } from '../adapters/lazada/lazada.connector';
import { TikTokShopConnector } from '../adapters/tiktok-shop/tiktok-shop.connector';

/** Each channel's authorization flow for our app; none for a channel whose app key and secret are not configured. */
@Injectable()
export class ChannelConnectors {
  private readonly connectors = new Map<Channel, ChannelConnector>();

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  appOf(channel: Channel): ChannelApp | null {
    return channel === 'tiktok_shop' ? this.config.channels.tiktokShop.app : this.config.channels.lazada.app;
  }

  for(channel: Channel): ChannelConnector | null {
    const app = this.appOf(channel);
    if (!app) return null;
    let connector = this.connectors.get(channel);
    if (!connector) {
      const { tiktokShop, lazada } = this.config.channels;
      connector = channel === 'tiktok_shop'
        ? new TikTokShopConnector({ ...app, authorizeUrl: tiktokShop.authorizeUrl, authUrl: tiktokShop.authUrl, apiUrl: tiktokShop.apiUrl })
        : new LazadaConnector({ ...app, authorizeUrl: lazada.authorizeUrl, authUrl: lazada.authUrl, apiUrl: lazada.apiUrl });
      this.connectors.set(channel, connector);
    }
    return connector;
  }
}
