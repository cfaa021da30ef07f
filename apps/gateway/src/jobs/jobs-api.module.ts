import { Module } from '@nestjs/common';
import { FailedJobsController } from './failed-jobs.controller';

/** Failed jobs of every app, to inspect and retry. */
@Module({ controllers: [FailedJobsController] })
export class JobsApiModule {}
