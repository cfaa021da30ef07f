import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { CatalogPatterns, RpcEnvelope } from '@pk/contracts';
import { requireCaller } from '@pk/core';
import { ListingLifecycleService } from './listing-lifecycle.service';
import { ListingsService } from './listings.service';
import { VariantsService } from './variants.service';

/** The artisan's listings and variants, and the public read. */
@Controller()
export class ListingsController {
  constructor(
    private readonly listings: ListingsService,
    private readonly lifecycle: ListingLifecycleService,
    private readonly variants: VariantsService,
  ) {}

  @MessagePattern(CatalogPatterns.listingCreate)
  create(@Payload() env: RpcEnvelope) {
    return this.listings.create(requireCaller(env), env.data);
  }

  @MessagePattern(CatalogPatterns.listingUpdate)
  update(@Payload() env: RpcEnvelope) {
    return this.listings.update(requireCaller(env), env.data);
  }

  @MessagePattern(CatalogPatterns.listingGet)
  get(@Payload() env: RpcEnvelope) {
    return this.listings.get(requireCaller(env), env.data);
  }

  @MessagePattern(CatalogPatterns.listingPublic)
  getPublic(@Payload() env: RpcEnvelope) {
    return this.listings.getPublic(env.data);
  }

  @MessagePattern(CatalogPatterns.listingMine)
  mine(@Payload() env: RpcEnvelope) {
    return this.listings.mine(requireCaller(env), env.data);
  }

  @MessagePattern(CatalogPatterns.listingSubmit)
  submit(@Payload() env: RpcEnvelope) {
    return this.lifecycle.submit(requireCaller(env), env.data);
  }

  @MessagePattern(CatalogPatterns.listingArchive)
  archive(@Payload() env: RpcEnvelope) {
    return this.lifecycle.archive(requireCaller(env), env.data);
  }

  @MessagePattern(CatalogPatterns.listingRestore)
  restore(@Payload() env: RpcEnvelope) {
    return this.lifecycle.restore(requireCaller(env), env.data);
  }

  @MessagePattern(CatalogPatterns.variantAdd)
  addVariant(@Payload() env: RpcEnvelope) {
    return this.variants.add(requireCaller(env), env.data);
  }

  @MessagePattern(CatalogPatterns.variantUpdate)
  updateVariant(@Payload() env: RpcEnvelope) {
    return this.variants.update(requireCaller(env), env.data);
  }

  @MessagePattern(CatalogPatterns.variantRemove)
  removeVariant(@Payload() env: RpcEnvelope) {
    return this.variants.remove(requireCaller(env), env.data);
  }

  @MessagePattern(CatalogPatterns.variantSetStock)
  setStock(@Payload() env: RpcEnvelope) {
    return this.variants.setStock(requireCaller(env), env.data);
  }
}
