import { Module } from '@nestjs/common';

/** The home page and the log of every curator action. */
@Module({})
export class HomeApiModule {}
