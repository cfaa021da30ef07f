import { Module } from '@nestjs/common';

/** Provenance marks granted to artisans and listings, revoked, expiring. */
@Module({})
export class MarksModule {}
