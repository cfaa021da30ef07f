import { Injectable } from '@nestjs/common';
import { Caller, Services } from '@pk/contracts';
import { ServiceClients } from '@pk/messaging';

/** The payments service, as the gateway's payment controllers call it. */
@Injectable()
export class PaymentsRpc {
  constructor(private readonly clients: ServiceClients) {}

  send<R>(pattern: string, data: unknown, caller: Caller | null, requestId?: string): Promise<R> {
    return this.clients.send<R>(Services.payments, pattern, data, caller, { requestId });
  }
}
