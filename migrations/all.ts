import { AppSchemas1764000000000 } from './1764000000000-app-schemas';
import { Identity1764000000001 } from './1764000000001-identity';
import { Catalog1764000000002 } from './1764000000002-catalog';
import { CatalogReservations1764000000003 } from './1764000000003-catalog-reservations';
import { CatalogImports1764000000004 } from './1764000000004-catalog-imports';
import { CatalogPopularity1764000000005 } from './1764000000005-catalog-popularity';
import { Search1764000000006 } from './1764000000006-search';
import { Channels1764000000007 } from './1764000000007-channels';
import { Orders1764000000008 } from './1764000000008-orders';
import { Payments1764000000009 } from './1764000000009-payments';
import { CatalogReturns1764000000010 } from './1764000000010-catalog-returns';
import { OrdersRefunds1764000000012 } from './1764000000012-orders-refunds';
import { OrdersRecipients1764000000011 } from './1764000000011-orders-recipients';
import { CatalogCampaigns1764000000013 } from './1764000000013-catalog-campaigns';
import { CatalogCuration1764000000014 } from './1764000000014-catalog-curation';
import { HomeAudit1764000000015 } from './1764000000015-home-audit';
import { Reports1764000000016 } from './1764000000016-reports';
import { ChannelsPromotions1764000000017 } from './1764000000017-channels-promotions';
import { ChannelsConnect1764000000018 } from './1764000000018-channels-connect';
import { CatalogPackageSize1764000000019 } from './1764000000019-catalog-package-size';
import { ChannelsProblems1764000000020 } from './1764000000020-channels-problems';
import { ChannelsSoldOut1764000000021 } from './1764000000021-channels-sold-out';
import { MessagingRetention1764000000022 } from './1764000000022-messaging-retention';
import { IdentitySessionVersion1764000000023 } from './1764000000023-identity-session-version';
import { OutboxPendingOrder1764000000024 } from './1764000000024-outbox-pending-order';
import { OrdersWorkflowRuns1764000000025 } from './1764000000025-orders-workflow-runs';
import { OrdersEffects1764000000026 } from './1764000000026-orders-effects';
import { StockCopies1764000000027 } from './1764000000027-stock-copies';

/** Every migration, in order. A new migration file is added here as well. */
export const ALL_MIGRATIONS = [
  AppSchemas1764000000000,
  Identity1764000000001,
  Catalog1764000000002,
  CatalogReservations1764000000003,
  CatalogImports1764000000004,
  CatalogPopularity1764000000005,
  Search1764000000006,
  Channels1764000000007,
  Orders1764000000008,
  Payments1764000000009,
  CatalogReturns1764000000010,
  OrdersRefunds1764000000012,
  OrdersRecipients1764000000011,
  CatalogCampaigns1764000000013,
  CatalogCuration1764000000014,
  HomeAudit1764000000015,
  Reports1764000000016,
  ChannelsPromotions1764000000017,
  ChannelsConnect1764000000018,
  CatalogPackageSize1764000000019,
  ChannelsProblems1764000000020,
  ChannelsSoldOut1764000000021,
  MessagingRetention1764000000022,
  IdentitySessionVersion1764000000023,
  OutboxPendingOrder1764000000024,
  OrdersWorkflowRuns1764000000025,
  OrdersEffects1764000000026,
  StockCopies1764000000027,
];
