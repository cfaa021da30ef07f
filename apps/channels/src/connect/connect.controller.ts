import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { ChannelsPatterns, RpcEnvelope } from '@pk/contracts';
import { requireCaller } from '@pk/core';
import { ShopAccountsService } from '../accounts/shop-accounts.service';
import { ConnectService } from './connect.service';

/** Connecting accounts by the channel's authorization flow; an artisan's own accounts. */
@Controller()
export class ConnectController {
  constructor(
    private readonly connect: ConnectService,
    private readonly shopAccounts: ShopAccountsService,
  ) {}

  /** An artisan for their shop, a curator for the council (the service checks which). */
  @MessagePattern(ChannelsPatterns.connectStart)
  start(@Payload() env: RpcEnvelope) {
    return this.connect.start(requireCaller(env), env.data);
  }

  /** The seller's browser, back from the channel: no caller, the state says who asked. */
  @MessagePattern(ChannelsPatterns.connectCallback)
  callback(@Payload() env: RpcEnvelope) {
    return this.connect.callback(env.data);
  }

  @MessagePattern(ChannelsPatterns.shopAccounts)
  accounts(@Payload() env: RpcEnvelope) {
    return this.shopAccounts.list(requireCaller(env));
  }

  @MessagePattern(ChannelsPatterns.shopDisconnect)
  disconnect(@Payload() env: RpcEnvelope) {
    return this.shopAccounts.disconnect(requireCaller(env), env.data);
  }
}
