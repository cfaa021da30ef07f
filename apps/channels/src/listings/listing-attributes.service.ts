import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  CHANNELS,
  Caller,
  CatalogPatterns,
  Channel,
  ChannelAttributeValueView,
  ListingChannelAttributeView,
  ListingChannelAttributesView,
  ListingSnapshot,
  Roles,
  Services,
} from '@pk/contracts';
import { DomainError, ErrorCode, hasAnyRole, parseInput } from '@pk/core';
import { ServiceClients } from '@pk/messaging';
import type { ChannelAttributeMapping, ChannelAttributeSpec, ChannelAttributeValue } from '../adapters/channel-adapter';
import { AccountsService } from '../accounts/accounts.service';
import { ChannelCatalogueService } from '../catalogue/channel-catalogue.service';
import { ExportQueue } from '../export/export-queue';
import { RunsService } from '../export/runs.service';
import { checkValues, FieldIssue, issuesError } from '../mappings/mapping-rules';
import { MappingsService } from '../mappings/mappings.service';
import { listingAttributesPutInput as putInput, listingAttributesRef as listingRef } from '@pk/contracts/requests/channels';

type Values = Record<string, ChannelAttributeValue[]>;

/**
 * The values an artisan gives one listing on a channel, for attributes of the channel's category
 * that the curator's mapping leaves open (or that the artisan knows better): checked against the
 * channel's data, stored per listing and channel, and sent with the listing at the next export.
 */
@Injectable()
export class ListingAttributesService {
  constructor(
    private readonly db: DataSource,
    private readonly clients: ServiceClients,
    private readonly mappings: MappingsService,
    private readonly catalogue: ChannelCatalogueService,
    private readonly accounts: AccountsService,
    private readonly runs: RunsService,
    private readonly queue: ExportQueue,
  ) {}

  async get(caller: Caller, data: unknown): Promise<ListingChannelAttributesView> {
    const { listingId } = parseInput(listingRef, data);
    const listing = await this.readable(caller, listingId);
    const stored = await this.stored(listingId);
    const items: ListingChannelAttributesView['items'] = [];
    for (const ch of CHANNELS) {
      const mapping = (await this.mappings.forChannel(ch)).get(listing.snapshot.category.slug);
      if (!mapping) continue;
      const specs = await this.specsOf(ch, mapping.categoryId, mapping.attributes);
      const own = stored.get(ch) ?? {};
      items.push({
        channel: ch,
        categoryId: mapping.categoryId,
        categoryName: mapping.categoryName ?? null,
        // The attributes the mapping sends (the adapters send only those), with the channel's data for each.
        attributes: specs
          .filter((s) => !s.sales && mapping.attributes.some((a) => a.id === s.id))
          .map((spec) => describe(spec, own[spec.id], mapping.attributes.find((a) => a.id === spec.id), listing.snapshot)),
      });
    }
    return { listingId, items };
  }

  async put(caller: Caller, data: unknown): Promise<ListingChannelAttributesView> {
    const input = parseInput(putInput, data);
    const listing = await this.readable(caller, input.listingId);
    const mapping = (await this.mappings.forChannel(input.channel)).get(listing.snapshot.category.slug);
    if (!mapping) {
      throw new DomainError(ErrorCode.conflict, `The council has not mapped this listing's category on ${input.channel} yet.`, { channel: input.channel, categorySlug: listing.snapshot.category.slug });
    }
    const specs = new Map((await this.catalogue.attributes(input.channel, mapping.categoryId)).items.map((s) => [s.id, s]));
    const issues: FieldIssue[] = [];
    const values: Values = {};
    for (const [attributeId, given] of Object.entries(input.values)) {
      const spec = specs.get(attributeId);
      const field = `values.${attributeId}`;
      if (!spec) issues.push({ field, message: `not an attribute of ${mapping.categoryName ?? mapping.categoryId}` });
      else if (!mapping.attributes.some((a) => a.id === attributeId)) {
        issues.push({ field, message: `${spec.name} is not in the council's mapping of this category: ask a curator to add it` });
      } else if (spec.sales) issues.push({ field, message: `${spec.name} is a variant attribute: it comes from the listing's variant options` });
      else if (given.length) {
        const checked = checkValues(spec, given, field);
        issues.push(...checked.issues);
        values[attributeId] = checked.values;
      }
    }
    if (issues.length) throw issuesError(issues);
    await this.db.query(
      `INSERT INTO channels.listing_attribute_values (listing_id, channel, "values", updated_by) VALUES ($1, $2, $3, $4)
       ON CONFLICT (listing_id, channel) DO UPDATE SET "values" = EXCLUDED."values", updated_by = EXCLUDED.updated_by, updated_at = now()`,
      [input.listingId, input.channel, JSON.stringify(values), caller.userId],
    );
    await this.exportSoon(listing.artisanId, input.channel, caller);
    return this.get(caller, { listingId: input.listingId });
  }

  /** By listing, the values artisans gave on this channel, as the export sends them. */
  async forExport(ch: Channel, listingIds: string[]): Promise<Map<string, Values>> {
    if (!listingIds.length) return new Map();
    const rows: Array<{ listing_id: string; values: Values }> = await this.db.query(
      `SELECT listing_id, "values" FROM channels.listing_attribute_values WHERE channel = $1 AND listing_id = ANY($2::uuid[]) AND "values" <> '{}'::jsonb`,
      [ch, listingIds],
    );
    return new Map(rows.map((r) => [r.listing_id, r.values]));
  }

  /** A sync of the owner's shop on the accounts of this channel that export it (as POST /channels/sync). */
  private async exportSoon(artisanId: string, ch: Channel, caller: Caller): Promise<void> {
    for (const accountId of await this.accounts.covering(artisanId)) {
      if ((await this.accounts.load(accountId)).channel !== ch) continue;
      await this.queue.enqueue(await this.runs.create(accountId, 'manual', { artisanId, requestedBy: caller.userId }));
    }
  }

  /** The listing's owner or a curator; anyone else is told there is no such listing. */
  private async readable(caller: Caller, listingId: string): Promise<{ artisanId: string; snapshot: ListingSnapshot }> {
    const rows: Array<{ artisan_id: string; snapshot: ListingSnapshot | null }> = await this.db.query(
      `SELECT artisan_id, snapshot FROM channels.listings WHERE listing_id = $1`,
      [listingId],
    );
    const row = rows[0];
    const notFound = () => new DomainError(ErrorCode.notFound, 'No such listing on the channels (only published listings are exported).', { listingId });
    if (!row) throw notFound();
    if (!hasAnyRole(caller, [Roles.curator])) {
      const mine = await this.clients.send<{ id: string }>(Services.catalog, CatalogPatterns.artisanMine, {}, caller).catch(() => null);
      if (mine?.id !== row.artisan_id) throw notFound();
    }
    if (!row.snapshot) throw notFound();
    return { artisanId: row.artisan_id, snapshot: row.snapshot };
  }

  private async stored(listingId: string): Promise<Map<Channel, Values>> {
    const rows: Array<{ channel: Channel; values: Values }> = await this.db.query(
      `SELECT channel, "values" FROM channels.listing_attribute_values WHERE listing_id = $1`,
      [listingId],
    );
    return new Map(rows.map((r) => [r.channel, r.values]));
  }

  /** The category's attributes from the channel's data; the mapping's copy when the channel cannot be asked. */
  private async specsOf(ch: Channel, categoryId: string, mapped: ChannelAttributeMapping[]): Promise<ChannelAttributeSpec[]> {
    try {
      return (await this.catalogue.attributes(ch, categoryId)).items;
    } catch (error) {
      if (!(error instanceof DomainError) || error.code === ErrorCode.validationFailed) throw error;
      return mapped.map((a) => ({
        id: a.id, name: a.name, required: a.required, sales: false, multiple: a.multiple ?? false,
        customizable: a.customizable ?? true, level: a.level ?? 'product', values: a.options ?? [],
      }));
    }
  }
}

function describe(spec: ChannelAttributeSpec, own: ChannelAttributeValue[] | undefined, mapped: ChannelAttributeMapping | undefined, s: ListingSnapshot): ListingChannelAttributeView {
  const base = { id: spec.id, name: spec.name, required: spec.required, sales: spec.sales, multiple: spec.multiple, customizable: spec.customizable, level: spec.level, values: spec.values };
  if (own?.length) return { ...base, value: own, source: 'listing' };
  if (mapped?.values?.length) return { ...base, value: mapped.values, source: 'mapping' };
  if (mapped?.value) return { ...base, value: [{ name: mapped.value }], source: 'mapping' };
  if (mapped?.from) {
    const names = fieldValues(mapped.from, s);
    if (names.length) return { ...base, value: names.map((name): ChannelAttributeValueView => ({ name })), source: 'field' };
  }
  return { ...base, value: null, source: null };
}

function fieldValues(from: NonNullable<ChannelAttributeMapping['from']>, s: ListingSnapshot): string[] {
  switch (from) {
    case 'materials':
      return s.materials;
    case 'techniques':
      return s.techniques;
    case 'origin':
      return [s.regency];
    case 'handmade':
      return [s.handmade ? 'Yes' : 'No'];
  }
}
