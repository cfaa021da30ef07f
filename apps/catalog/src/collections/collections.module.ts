import { Module } from '@nestjs/common';

/** Featured collections: curated, ordered sets of listings. */
@Module({})
export class CollectionsModule {}
