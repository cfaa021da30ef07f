import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { CampaignPatterns, Roles, RpcEnvelope } from '@pk/contracts';
import { requireCaller } from '@pk/core';
import { PhotoIntake } from '../photos/photo-intake';
import { CampaignMembersService } from './campaign-members.service';
import { CampaignViews } from './campaign-views';
import { CampaignsService } from './campaigns.service';

/** Curators manage campaigns; anyone reads the live ones. */
@Controller()
export class CampaignsController {
  constructor(
    private readonly campaigns: CampaignsService,
    private readonly members: CampaignMembersService,
    private readonly views: CampaignViews,
    private readonly intake: PhotoIntake,
  ) {}

  @MessagePattern(CampaignPatterns.create)
  create(@Payload() env: RpcEnvelope) {
    return this.campaigns.create(requireCaller(env, Roles.curator), env.data);
  }

  @MessagePattern(CampaignPatterns.update)
  update(@Payload() env: RpcEnvelope) {
    return this.campaigns.update(requireCaller(env, Roles.curator), env.data);
  }

  @MessagePattern(CampaignPatterns.cancel)
  cancel(@Payload() env: RpcEnvelope) {
    return this.campaigns.cancel(requireCaller(env, Roles.curator), env.data);
  }

  @MessagePattern(CampaignPatterns.list)
  list(@Payload() env: RpcEnvelope) {
    requireCaller(env, Roles.curator);
    return this.views.list(env.data);
  }

  @MessagePattern(CampaignPatterns.get)
  get(@Payload() env: RpcEnvelope) {
    requireCaller(env, Roles.curator);
    return this.campaigns.get(env.data);
  }

  @MessagePattern(CampaignPatterns.addMembers)
  addMembers(@Payload() env: RpcEnvelope) {
    return this.members.add(requireCaller(env, Roles.curator), env.data);
  }

  @MessagePattern(CampaignPatterns.removeMember)
  removeMember(@Payload() env: RpcEnvelope) {
    return this.members.remove(requireCaller(env, Roles.curator), env.data);
  }

  @MessagePattern(CampaignPatterns.setPrices)
  setPrices(@Payload() env: RpcEnvelope) {
    return this.members.setPrices(requireCaller(env, Roles.curator), env.data);
  }

  // The upload waits in incoming/ and is deleted whatever happens, a refusal included.
  @MessagePattern(CampaignPatterns.setBanner)
  setBanner(@Payload() env: RpcEnvelope) {
    return this.intake.consume(env.data, (incomingKey) => this.members.setBanner(requireCaller(env, Roles.curator), incomingKey, env.data));
  }

  @MessagePattern(CampaignPatterns.publicList)
  publicList(@Payload() env: RpcEnvelope) {
    return this.views.publicList(env.data);
  }

  @MessagePattern(CampaignPatterns.publicGet)
  publicGet(@Payload() env: RpcEnvelope) {
    return this.views.publicPage(env.data);
  }
}
