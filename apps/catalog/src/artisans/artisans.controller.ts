import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { CatalogPatterns, Roles, RpcEnvelope } from '@pk/contracts';
import { requireCaller } from '@pk/core';
import { ArtisanAccess } from './artisan-access';
import { ArtisanCurationService } from './artisan-curation.service';
import { ArtisansService } from './artisans.service';
import { ShopPagesService } from './shop-pages.service';

@Controller()
export class ArtisansController {
  constructor(
    private readonly artisans: ArtisansService,
    private readonly curation: ArtisanCurationService,
    private readonly shops: ShopPagesService,
    private readonly access: ArtisanAccess,
  ) {}

  @MessagePattern(CatalogPatterns.artisanApply)
  apply(@Payload() env: RpcEnvelope) {
    return this.artisans.apply(requireCaller(env), env.data);
  }

  @MessagePattern(CatalogPatterns.artisanMine)
  mine(@Payload() env: RpcEnvelope) {
    return this.artisans.mine(requireCaller(env));
  }

  @MessagePattern(CatalogPatterns.artisanUpdateMine)
  updateMine(@Payload() env: RpcEnvelope) {
    return this.artisans.updateMine(requireCaller(env), env.data);
  }

  /** Any signed-in reader; the service decides how much they see. */
  @MessagePattern(CatalogPatterns.artisanGet)
  get(@Payload() env: RpcEnvelope) {
    return this.artisans.get(requireCaller(env), env.data);
  }

  @MessagePattern(CatalogPatterns.artisanStanding)
  standing(@Payload() env: RpcEnvelope) {
    return this.access.standing(requireCaller(env));
  }

  @MessagePattern(CatalogPatterns.artisanQueue)
  queue(@Payload() env: RpcEnvelope) {
    return this.curation.queue(requireCaller(env, Roles.curator), env.data);
  }

  @MessagePattern(CatalogPatterns.artisanDecide)
  decide(@Payload() env: RpcEnvelope) {
    return this.curation.decide(requireCaller(env, Roles.curator), env.data);
  }

  /** Public: anonymous callers too. */
  @MessagePattern(CatalogPatterns.shopPage)
  shopPage(@Payload() env: RpcEnvelope) {
    return this.shops.page(env.data);
  }
}
