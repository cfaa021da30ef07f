import { Injectable } from '@nestjs/common';
import { Caller, Services } from '@pk/contracts';
import { ServiceClients } from '@pk/messaging';

/** The catalog's marks and collections, as the gateway's curation controllers call them. */
@Injectable()
export class CurationRpc {
  constructor(private readonly clients: ServiceClients) {}

  send<R>(pattern: string, data: unknown, caller: Caller | null, requestId?: string, timeoutMs?: number): Promise<R> {
    return this.clients.send<R>(Services.catalog, pattern, data, caller, { requestId, timeoutMs });
  }
}
