import { Global, Module } from '@nestjs/common';
import { AuditLogService } from './audit/audit-log.service';
import { SettingsService } from './settings/settings.service';
import { StockLedger } from './stock/stock-ledger';

/** What every catalog feature shares: the audit log, the council settings, the stock ledger. */
@Global()
@Module({
  providers: [AuditLogService, SettingsService, StockLedger],
  exports: [AuditLogService, SettingsService, StockLedger],
})
export class CatalogCoreModule {}
