import IORedis, { RedisOptions } from 'ioredis';

/**
 * A connection for BullMQ workers: blocking commands need `maxRetriesPerRequest: null`, and
 * reconnects go on forever with a short cap, so a Redis restart is ridden out, not fatal.
 */
export function workerConnection(url: string, extra: RedisOptions = {}): IORedis {
  return new IORedis(url, {
    maxRetriesPerRequest: null,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
    ...extra,
  });
}

/** A connection for producers: fails fast while Redis is down instead of queueing in memory. */
export function producerConnection(url: string, extra: RedisOptions = {}): IORedis {
  return new IORedis(url, {
    maxRetriesPerRequest: 1,
    enableOfflineQueue: false,
    connectTimeout: 2000,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
    ...extra,
  });
}
