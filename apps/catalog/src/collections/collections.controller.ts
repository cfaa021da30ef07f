import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { CurationPatterns, Roles, RpcEnvelope } from '@pk/contracts';
import { requireCaller } from '@pk/core';
import { PhotoIntake } from '../photos/photo-intake';
import { CollectionPagesService } from './collection-pages.service';
import { CollectionsService } from './collections.service';

@Controller()
export class CollectionsController {
  constructor(
    private readonly collections: CollectionsService,
    private readonly pages: CollectionPagesService,
    private readonly intake: PhotoIntake,
  ) {}

  /** Public: anonymous callers too. */
  @MessagePattern(CurationPatterns.publicCollections)
  publicList() {
    return this.pages.list();
  }

  @MessagePattern(CurationPatterns.publicCollection)
  publicGet(@Payload() env: RpcEnvelope) {
    return this.pages.page(env.data);
  }

  @MessagePattern(CurationPatterns.collectionList)
  list(@Payload() env: RpcEnvelope) {
    requireCaller(env, Roles.curator);
    return this.collections.list();
  }

  @MessagePattern(CurationPatterns.collectionGet)
  get(@Payload() env: RpcEnvelope) {
    requireCaller(env, Roles.curator);
    return this.collections.get(env.data);
  }

  @MessagePattern(CurationPatterns.collectionCreate)
  create(@Payload() env: RpcEnvelope) {
    return this.collections.create(requireCaller(env, Roles.curator), env.data);
  }

  @MessagePattern(CurationPatterns.collectionUpdate)
  update(@Payload() env: RpcEnvelope) {
    return this.collections.update(requireCaller(env, Roles.curator), env.data);
  }

  @MessagePattern(CurationPatterns.collectionRemove)
  async remove(@Payload() env: RpcEnvelope) {
    await this.collections.remove(requireCaller(env, Roles.curator), env.data);
    return { removed: true };
  }

  @MessagePattern(CurationPatterns.collectionSetItems)
  setItems(@Payload() env: RpcEnvelope) {
    return this.collections.setItems(requireCaller(env, Roles.curator), env.data);
  }

  @MessagePattern(CurationPatterns.collectionOrder)
  order(@Payload() env: RpcEnvelope) {
    return this.collections.order(requireCaller(env, Roles.curator), env.data);
  }

  // The upload waits in incoming/ and is deleted whatever happens, a refusal included.
  @MessagePattern(CurationPatterns.collectionSetCover)
  setCover(@Payload() env: RpcEnvelope) {
    return this.intake.consume(env.data, (incomingKey) => this.collections.setCover(requireCaller(env, Roles.curator), incomingKey, env.data));
  }
}
