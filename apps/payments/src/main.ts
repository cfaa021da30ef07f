import 'reflect-metadata';
import { Services } from '@pk/contracts';
import { loadConfig, startService } from '@pk/core';
import { PaymentsModule } from './payments.module';

const config = loadConfig();
startService(Services.payments, PaymentsModule.forRoot(config), config).catch((error) => {
  console.error(`payments failed to start: ${(error as Error).message}`);
  process.exit(1);
});
