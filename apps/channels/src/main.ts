import 'reflect-metadata';
import { Services } from '@pk/contracts';
import { loadConfig, startService } from '@pk/core';
import { ChannelsModule } from './channels.module';

const config = loadConfig();
startService(Services.channels, ChannelsModule.forRoot(config), config).catch((error) => {
  console.error(`channels failed to start: ${(error as Error).message}`);
  process.exit(1);
});
