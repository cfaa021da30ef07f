import { Injectable } from '@nestjs/common';
import { Caller, Services } from '@pk/contracts';
import { ServiceClients } from '@pk/messaging';

/** The orders service, as the gateway's order controllers call it. */
@Injectable()
export class OrdersRpc {
  constructor(private readonly clients: ServiceClients) {}

  send<R>(pattern: string, data: unknown, caller: Caller | null, requestId?: string, timeoutMs?: number): Promise<R> {
    return this.clients.send<R>(Services.orders, pattern, data, caller, { requestId, timeoutMs });
  }
}
