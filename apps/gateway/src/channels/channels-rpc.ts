import { Injectable } from '@nestjs/common';
import { Caller, Services } from '@pk/contracts';
import { ServiceClients } from '@pk/messaging';

/** The channels service, as the gateway's channel controllers call it. */
@Injectable()
export class ChannelsRpc {
  constructor(private readonly clients: ServiceClients) {}

  send<R>(pattern: string, data: unknown, caller: Caller | null, requestId?: string): Promise<R> {
    return this.clients.send<R>(Services.channels, pattern, data, caller, { requestId });
  }
}
