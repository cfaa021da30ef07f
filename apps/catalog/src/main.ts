import 'reflect-metadata';
import { Services } from '@pk/contracts';
import { loadConfig, startService } from '@pk/core';
import { CatalogModule } from './catalog.module';

const config = loadConfig();
startService(Services.catalog, CatalogModule.forRoot(config), config).catch((error) => {
  console.error(`catalog failed to start: ${(error as Error).message}`);
  process.exit(1);
});
