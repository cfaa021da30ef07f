import { Injectable } from '@nestjs/common';
import { Caller, CatalogPatterns, ChannelAccountView, Services } from '@pk/contracts';
import { parseInput } from '@pk/core';
import { ServiceClients } from '@pk/messaging';
import { ExportQueue } from '../export/export-queue';
import { AccountsService } from './accounts.service';
import { accountRef } from '@pk/contracts/requests/channels';

/** An artisan's own channel accounts: the list, and disconnecting one. */
@Injectable()
export class ShopAccountsService {
  constructor(
    private readonly clients: ServiceClients,
    private readonly accounts: AccountsService,
    private readonly queue: ExportQueue,
  ) {}

  async list(caller: Caller): Promise<{ items: ChannelAccountView[] }> {
    return this.accounts.listForShop(await this.artisanOf(caller));
  }

  async disconnect(caller: Caller, data: unknown): Promise<ChannelAccountView> {
    const { id } = parseInput(accountRef, data);
    const account = await this.accounts.disconnect(id, await this.artisanOf(caller));
    await this.queue.schedule(id, false);
    return account;
  }

  private async artisanOf(caller: Caller): Promise<string> {
    const artisan = await this.clients.send<{ id: string }>(Services.catalog, CatalogPatterns.artisanMine, {}, caller);
    return artisan.id;
  }
}
