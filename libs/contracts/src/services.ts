// The back-end services the gateway and each other reach over TCP RPC.
export const Services = {
  catalog: 'catalog',
  orders: 'orders',
  payments: 'payments',
  search: 'search',
  channels: 'channels',
} as const;
export type ServiceName = (typeof Services)[keyof typeof Services];
export const SERVICE_NAMES: ServiceName[] = Object.values(Services);

/** The Postgres schema each app owns. The gateway owns `identity`. */
export const Schemas = { identity: 'identity', ...Services } as const;
export type SchemaName = (typeof Schemas)[keyof typeof Schemas];
