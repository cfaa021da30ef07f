import 'reflect-metadata';
import { Services } from '@pk/contracts';
import { loadConfig, startService } from '@pk/core';
import { SearchModule } from './search.module';

const config = loadConfig();
startService(Services.search, SearchModule.forRoot(config), config).catch((error) => {
  console.error(`search failed to start: ${(error as Error).message}`);
  process.exit(1);
});
