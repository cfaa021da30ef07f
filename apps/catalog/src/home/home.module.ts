import { Module } from '@nestjs/common';
import { HomeCache } from './home-cache';
import { HomeController } from './home.controller';
import { HomeService } from './home.service';

/** The home page: live campaign, featured collections, new artisans, regional highlights; cached. */
@Module({
  controllers: [HomeController],
  providers: [HomeCache, HomeService],
})
export class HomeModule {}
