// PK_PROCESSES=single: every app in this one process, for small servers and the demo. Each app
// still boots as its own Nest application with its own modules, database connection and
// workers; only the RPC transport differs (libs/core/src/in-process-transport.ts), chosen by the
// configuration, so the apps' code is the same as in the multi-process mode.
import 'reflect-metadata';
import { DynamicModule, INestApplicationContext } from '@nestjs/common';
import { SERVICE_NAMES, ServiceName } from '@pk/contracts';
import { AppConfig, exitWithLauncher, loadConfig, startService } from '@pk/core';
import { CatalogModule } from '../../apps/catalog/src/catalog.module';
import { ChannelsModule } from '../../apps/channels/src/channels.module';
import { createGatewayApp } from '../../apps/gateway/src/gateway-app';
import { OrdersModule } from '../../apps/orders/src/orders.module';
import { PaymentsModule } from '../../apps/payments/src/payments.module';
import { SearchModule } from '../../apps/search/src/search.module';

const MODULES = { catalog: CatalogModule, orders: OrdersModule, payments: PaymentsModule, search: SearchModule, channels: ChannelsModule } satisfies Record<
  ServiceName,
  { forRoot(config: AppConfig): DynamicModule }
>;

const running: INestApplicationContext[] = [];
let stopping = false;

/** The gateway first (no new requests), then the services: each closes its workers and connections. */
async function stop(code: number): Promise<void> {
  if (stopping) process.exit(code || 130);
  stopping = true;
  for (const app of [...running].reverse()) await app.close().catch((error: Error) => console.error(`close: ${error.message}`));
  process.exit(code);
}

async function main(): Promise<void> {
  const config = loadConfig({ ...process.env, PK_PROCESSES: 'single' });
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(sig, () => void stop(0));
  for (const name of SERVICE_NAMES) {
    running.push(await startService(name, MODULES[name].forRoot(config), config, { shutdownHooks: false }));
  }
  const gateway = await createGatewayApp(config, { shutdownHooks: false });
  running.push(gateway);
  await gateway.listen(config.gateway.port, config.gateway.host);
  exitWithLauncher();
}

main().catch((error: Error) => {
  console.error(`the marketplace failed to start: ${error.message}`);
  void stop(1);
});
