import { z } from 'zod';

/** `<service>.jobs.failed`: one queue of the app's, or all; how many per app. */
export const failedJobsInput = z.object({ queue: z.string().max(100).optional(), limit: z.coerce.number().int().min(1).max(200).default(50) }).strict();
/** `<service>.jobs.retry`: one failed job of one queue. */
export const retryJobInput = z.object({ queue: z.string().max(100), id: z.string().min(1).max(200) }).strict();
