import { Module } from '@nestjs/common';
import { ReportsController } from './reports.controller';

/** Council reports, as JSON and CSV. */
@Module({ controllers: [ReportsController] })
export class ReportsApiModule {}
