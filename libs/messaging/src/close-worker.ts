import { Logger } from '@nestjs/common';
import { Worker } from 'bullmq';

const logger = new Logger('closeWorker');
const sleep = (ms: number) => new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), ms).unref());
const within = async (p: Promise<unknown>, ms: number) => (await Promise.race([p.then(() => 'done' as const, () => 'done' as const), sleep(ms)])) === 'done';

interface Client { status?: string; disconnect(): void }
// BullMQ's internals (checked against bullmq 5.x): a RedisConnection per role, each holding its
// ioredis client, and the lock manager whose renewal timer would otherwise keep the process alive.
type WorkerInternals = Record<'connection' | 'blockingConnection', { _client?: Client } | undefined> & {
  lockManager?: { close(): Promise<void>; getActiveJobCount(): number };
};

/**
 * Closes a BullMQ worker, letting jobs in hand finish, but not forever.
 *
 * Past `deadlineMs` the connections are cut, which ends the hang BullMQ's close can fall into just
 * after a Redis restart (a pending quit or blocked fetch on a reconnecting client; `close(true)`
 * returns the same pending close). But while a job is still in hand and Redis answers, the main
 * connection is left alone until the job has finished and its result is written back (up to
 * `hardDeadlineMs`): cut under BullMQ's finishing step, the worker retries that step without pause
 * for ever (its retry skips the delay while closing), starving the whole process's event loop.
 * Jobs a cut worker held are redelivered to another worker as stalled.
 */
export async function closeWorker(worker: Worker | null | undefined, deadlineMs = 10_000, hardDeadlineMs = 60_000): Promise<void> {
  if (!worker) return;
  const started = Date.now();
  const closing = worker.close();
  if (await within(closing, deadlineMs)) return;
  const internals = worker as unknown as WorkerInternals;
  internals.blockingConnection?._client?.disconnect();
  if (await within(closing, 2000)) return;

  const main = internals.connection?._client;
  const inHand = () => internals.lockManager?.getActiveJobCount() ?? 0;
  while (inHand() > 0 && main?.status === 'ready' && Date.now() - started < hardDeadlineMs) {
    if (await within(closing, 1000)) return;
  }
  // A job that has just finished is writing its result back: a moment for that.
  if (await within(closing, 2000)) return;
  logger.warn(`worker ${worker.name} did not close in ${Math.round((Date.now() - started) / 1000)} s (Redis ${main?.status ?? 'unknown'}); cutting its connection`);
  main?.disconnect();
  await internals.lockManager?.close().catch(() => undefined);
  await within(closing, 2000);
}
