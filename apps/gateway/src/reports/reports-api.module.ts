import { Module } from '@nestjs/common';

/** Council reports, as JSON and CSV. */
@Module({})
export class ReportsApiModule {}
