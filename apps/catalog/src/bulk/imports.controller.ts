import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { CatalogPatterns, RpcEnvelope } from '@pk/contracts';
import { requireCaller } from '@pk/core';
import { ImportsService } from './imports.service';
import { ShopExporter } from './shop-export';

/** Bulk CSV upload and export of an artisan's own shop. */
@Controller()
export class ImportsController {
  constructor(
    private readonly imports: ImportsService,
    private readonly exporter: ShopExporter,
  ) {}

  @MessagePattern(CatalogPatterns.importPreview)
  preview(@Payload() env: RpcEnvelope) {
    return this.imports.preview(requireCaller(env), env.data);
  }

  @MessagePattern(CatalogPatterns.importStart)
  start(@Payload() env: RpcEnvelope) {
    return this.imports.start(requireCaller(env), env.data);
  }

  @MessagePattern(CatalogPatterns.importGet)
  get(@Payload() env: RpcEnvelope) {
    return this.imports.get(requireCaller(env), env.data);
  }

  @MessagePattern(CatalogPatterns.exportShop)
  export(@Payload() env: RpcEnvelope) {
    return this.exporter.export(requireCaller(env));
  }
}
