import 'reflect-metadata';
import { Services } from '@pk/contracts';
import { loadConfig, startService } from '@pk/core';
import { OrdersModule } from './orders.module';

const config = loadConfig();
startService(Services.orders, OrdersModule.forRoot(config), config).catch((error) => {
  console.error(`orders failed to start: ${(error as Error).message}`);
  process.exit(1);
});
