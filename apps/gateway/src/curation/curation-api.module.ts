import { Module } from '@nestjs/common';

/** Provenance marks and collections: public reads, curators' writes. */
@Module({})
export class CurationApiModule {}
