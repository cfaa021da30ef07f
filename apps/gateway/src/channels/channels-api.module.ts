import { Module } from '@nestjs/common';
import { ChannelConnectController } from './connect.controller';
import { CurationChannelsController } from './curation-channels.controller';
import { ShopChannelsController } from './shop-channels.controller';

/** The channels app's REST face: curators' accounts, mappings and runs; artisans' own shop. */
@Module({
  controllers: [CurationChannelsController, ShopChannelsController, ChannelConnectController],
})
export class ChannelsApiModule {}
