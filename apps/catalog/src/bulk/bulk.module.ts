import { Module } from '@nestjs/common';
import { ListingsModule } from '../listings/listings.module';
import { ImportPlanner } from './import-plan';
import { ImportQueue } from './import-queue';
import { ImportRunner } from './import-runner';
import { ImportProcessor } from './import.processor';
import { ImportsController } from './imports.controller';
import { ImportsService } from './imports.service';
import { ShopExporter } from './shop-export';

/** Bulk upload for artisans: CSV preview, the import job, the export. */
@Module({
  imports: [ListingsModule],
  controllers: [ImportsController],
  providers: [ImportPlanner, ImportQueue, ImportRunner, ImportProcessor, ImportsService, ShopExporter],
})
export class BulkModule {}
