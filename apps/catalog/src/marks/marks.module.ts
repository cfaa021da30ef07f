import { Module } from '@nestjs/common';
import { MarkSweeper } from './mark-sweeper';
import { MarksController } from './marks.controller';
import { MarksService } from './marks.service';

/** Provenance marks granted to artisans and listings, revoked, expiring. */
@Module({
  controllers: [MarksController],
  providers: [MarksService, MarkSweeper],
})
export class MarksModule {}
