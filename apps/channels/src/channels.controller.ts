import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { ChannelsPatterns, Roles, RpcEnvelope } from '@pk/contracts';
import { parseInput, requireCaller } from '@pk/core';
import { AccountsService } from './accounts/accounts.service';
import { ExportQueue } from './export/export-queue';
import { RunsService } from './export/runs.service';
import { MappingsService } from './mappings/mappings.service';
import { ShopChannelsService } from './shop-channels.service';
import { accountSyncInput as syncInput, runRef } from '@pk/contracts/requests/channels';

/** Curators keep accounts and mappings and follow runs; artisans see and sync their own shop. */
@Controller()
export class ChannelsController {
  constructor(
    private readonly accounts: AccountsService,
    private readonly mappings: MappingsService,
    private readonly runs: RunsService,
    private readonly queue: ExportQueue,
    private readonly shops: ShopChannelsService,
  ) {}

  @MessagePattern(ChannelsPatterns.accountCreate)
  async createAccount(@Payload() env: RpcEnvelope) {
    const account = await this.accounts.create(requireCaller(env, Roles.curator), env.data);
    await this.queue.schedule(account.id, true);
    return account;
  }

  @MessagePattern(ChannelsPatterns.accountList)
  listAccounts(@Payload() env: RpcEnvelope) {
    requireCaller(env, Roles.curator);
    return this.accounts.list();
  }

  @MessagePattern(ChannelsPatterns.accountUpdate)
  async updateAccount(@Payload() env: RpcEnvelope) {
    requireCaller(env, Roles.curator);
    const account = await this.accounts.update(env.data);
    await this.queue.schedule(account.id, account.status === 'active');
    return account;
  }

  @MessagePattern(ChannelsPatterns.accountSync)
  async sync(@Payload() env: RpcEnvelope) {
    const caller = requireCaller(env, Roles.curator);
    const { id, dryRun } = parseInput(syncInput, env.data);
    await this.accounts.view(id);
    const run = await this.runs.create(id, dryRun ? 'dry_run' : 'manual', { requestedBy: caller.userId });
    await this.queue.enqueue(run);
    return run;
  }

  @MessagePattern(ChannelsPatterns.mappingPut)
  putMapping(@Payload() env: RpcEnvelope) {
    return this.mappings.put(requireCaller(env, Roles.curator), env.data);
  }

  @MessagePattern(ChannelsPatterns.mappingList)
  listMappings(@Payload() env: RpcEnvelope) {
    requireCaller(env, Roles.curator);
    return this.mappings.list(env.data);
  }

  @MessagePattern(ChannelsPatterns.runList)
  listRuns(@Payload() env: RpcEnvelope) {
    requireCaller(env, Roles.curator);
    return this.runs.list(env.data);
  }

  @MessagePattern(ChannelsPatterns.runGet)
  getRun(@Payload() env: RpcEnvelope) {
    requireCaller(env, Roles.curator);
    return this.runs.withItems(parseInput(runRef, env.data).id);
  }

  @MessagePattern(ChannelsPatterns.shopListings)
  shopListings(@Payload() env: RpcEnvelope) {
    return this.shops.listings(requireCaller(env));
  }

  @MessagePattern(ChannelsPatterns.shopSync)
  shopSync(@Payload() env: RpcEnvelope) {
    return this.shops.sync(requireCaller(env), env.data);
  }

  @MessagePattern(ChannelsPatterns.shopRun)
  shopRun(@Payload() env: RpcEnvelope) {
    return this.shops.run(requireCaller(env), env.data);
  }
}
