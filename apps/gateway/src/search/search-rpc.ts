import { Injectable } from '@nestjs/common';
import { Caller, Services } from '@pk/contracts';
import { ServiceClients } from '@pk/messaging';

/** The search service, as the gateway's search controllers call it. */
@Injectable()
export class SearchRpc {
  constructor(private readonly clients: ServiceClients) {}

  send<R>(pattern: string, data: unknown, caller: Caller | null, requestId?: string): Promise<R> {
    return this.clients.send<R>(Services.search, pattern, data, caller, { requestId });
  }
}
