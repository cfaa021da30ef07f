import { ServiceName } from '@pk/contracts';
import { AppConfig } from '@pk/core';
import { CatalogModule } from '../../apps/catalog/src/catalog.module';
import { ChannelsModule } from '../../apps/channels/src/channels.module';
import { OrdersModule } from '../../apps/orders/src/orders.module';
import { PaymentsModule } from '../../apps/payments/src/payments.module';
import { SearchModule } from '../../apps/search/src/search.module';

/** Each service's root module, as the test systems (in-process or a replica set's own process) boot them. */
export const SERVICE_MODULES = {
  catalog: CatalogModule,
  orders: OrdersModule,
  payments: PaymentsModule,
  search: SearchModule,
  channels: ChannelsModule,
} satisfies Record<ServiceName, { forRoot(config: AppConfig): unknown }>;
