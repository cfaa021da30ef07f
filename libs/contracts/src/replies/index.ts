import type { ZodTypeAny } from 'zod';
import { CatalogReplies } from './catalog';
import { OrdersReplies } from './orders';
import { PaymentsReplies } from './payments';

export * from './catalog';
export * from './orders';
export * from './payments';

/**
 * The reply schema of each RPC pattern, keyed by the pattern's name: the one source of the reply
 * types (z.infer) that apps, the web app and the tests import, and of the gateway's documented
 * response bodies. With PK_CHECK_REPLIES=1 the gateway parses every forwarded reply with it.
 */
export const ReplySchemas: Record<string, ZodTypeAny> = {
  ...CatalogReplies,
  ...OrdersReplies,
  ...PaymentsReplies,
};
