import { Worker } from 'bullmq';

const sleep = (ms: number) => new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), ms).unref());

/**
 * Closes a BullMQ worker, letting jobs in hand finish, but not forever. Just after a Redis
 * restart BullMQ's close can hang while its blocking connection reconnects, and `close(true)`
 * then returns that same pending close; so past the deadline both of the worker's connections
 * are cut, which ends the wait (jobs it held are redelivered to another worker as stalled).
 */
export async function closeWorker(worker: Worker | null | undefined, deadlineMs = 10_000): Promise<void> {
  if (!worker) return;
  const closing = worker.close();
  if ((await Promise.race([closing, sleep(deadlineMs)])) !== 'timeout') return;
  // BullMQ's internals (checked against bullmq 5.x): a RedisConnection per role, each holding
  // its ioredis client; a pending quit() on a reconnecting client is what never returns.
  // The lock manager's renewal timer would otherwise keep the process alive.
  const internals = worker as unknown as Record<'connection' | 'blockingConnection', { _client?: { disconnect(): void } } | undefined> & {
    lockManager?: { close(): Promise<void> };
  };
  for (const c of [internals.blockingConnection, internals.connection]) c?._client?.disconnect();
  await internals.lockManager?.close().catch(() => undefined);
  await Promise.race([closing.catch(() => undefined), sleep(2000)]);
}
