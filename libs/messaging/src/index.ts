export * from './redis';
export * from './outbox';
export * from './relay';
export * from './consumer';
export * from './messaging.module';
export * from './service-foundation.module';
export * from './consumer-host';
export * from './close-worker';
