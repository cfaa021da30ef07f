import type { z, ZodTypeAny } from 'zod';
import { CatalogReplies } from './catalog';
import { ChannelsReplies } from './channels';
import { CurationReplies } from './curation';
import { OrdersReplies } from './orders';
import { PaymentsReplies } from './payments';
import { JobsReplies, ReportsReplies } from './reports';
import { SearchReplies } from './search';

export * from './catalog';
export * from './channels';
export * from './curation';
export * from './orders';
export * from './payments';
export * from './reports';
export * from './search';

// The schemas by pattern, with their types: ReplyOf<typeof OrdersPatterns.cartGet> is CartView.
const byPattern = {
  ...CatalogReplies,
  ...CurationReplies,
  ...OrdersReplies,
  ...PaymentsReplies,
  ...SearchReplies,
  ...ChannelsReplies,
  ...ReportsReplies,
};
export type ReplyPattern = keyof typeof byPattern;
export type ReplyOf<P extends ReplyPattern> = z.infer<(typeof byPattern)[P]>;

/**
 * The reply schema of each RPC pattern, keyed by the pattern's name: the one source of the reply
 * types (z.infer) that apps, the web app and the tests import, and of the gateway's documented
 * response bodies. With PK_CHECK_REPLIES=1 the gateway parses every forwarded reply with it.
 */
export const ReplySchemas: Record<string, ZodTypeAny> = { ...byPattern, ...JobsReplies };
