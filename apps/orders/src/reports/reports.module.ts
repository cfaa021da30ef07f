import { Module } from '@nestjs/common';
import { OrdersReportsController } from './reports.controller';
import { SalesReportService } from './sales-report.service';

/** Sales by regency, category, artisan and period, for the council. */
@Module({
  controllers: [OrdersReportsController],
  providers: [SalesReportService],
})
export class OrdersReportsModule {}
