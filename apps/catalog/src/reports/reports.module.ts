import { Module } from '@nestjs/common';
import { ArtisansReportService } from './artisans-report.service';
import { CatalogReportsController } from './reports.controller';

/** Artisans by status and regency, and the applications waiting, for the council. */
@Module({
  controllers: [CatalogReportsController],
  providers: [ArtisansReportService],
})
export class CatalogReportsModule {}
