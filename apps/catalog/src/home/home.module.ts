import { Module } from '@nestjs/common';

/** The home page: live campaign, featured collections, new artisans, regional highlights; cached. */
@Module({})
export class HomeModule {}
