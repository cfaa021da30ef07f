import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { ArtisanStatus, Caller } from '@pk/contracts';
import { DomainError, ErrorCode, newId, parseInput } from '@pk/core';
import { AuditLogService } from '../audit/audit-log.service';
import { CategoriesService } from '../categories/categories.service';
import { ListingEvents } from '../listings/listing-events';
import { ListingSnapshots } from '../listings/listing-snapshots';
import { ApplicationInput, ProfilePatch, applicationInput, byIdInput, profilePatch } from './artisan-input';
import { ArtisanView, artisanView, maskAccountNumber, seesBankDetails } from './artisan-views';
import { asArtisanClash, publishedListingIds } from './artisan-writes';
import { Artisan } from './artisan.entity';

/** The entity's columns for the fields an application or an edit carries. */
function columns(input: ProfilePatch): Partial<Artisan> {
  const { bankAccount, ...profile } = input;
  return {
    ...profile,
    ...(bankAccount && {
      bankName: bankAccount.bankName,
      bankAccountName: bankAccount.accountName,
      bankAccountNumber: bankAccount.accountNumber,
    }),
  };
}

const bankOf = (a: Artisan) => ({ bankName: a.bankName, accountName: a.bankAccountName, accountNumber: maskAccountNumber(a.bankAccountNumber) });

/** Applying for a shop, and the owner's own profile. The council's decisions are in ArtisanCurationService. */
@Injectable()
export class ArtisansService {
  constructor(
    private readonly db: DataSource,
    private readonly categories: CategoriesService,
    private readonly audit: AuditLogService,
    private readonly listingEvents: ListingEvents,
    private readonly snapshots: ListingSnapshots,
  ) {}

  /** One shop per user; after a rejection the same shop applies again and waits as pending. */
  async apply(caller: Caller, data: unknown): Promise<ArtisanView> {
    const input = parseInput(applicationInput, data);
    await this.assertCraftTypes(input.craftTypes);
    const artisan = await this.db
      .transaction(async (tx) => {
        const repo = tx.getRepository(Artisan);
        const existing = await repo.findOne({ where: { userId: caller.userId }, lock: { mode: 'pessimistic_write' } });
        if (existing && existing.status !== ArtisanStatus.rejected) {
          throw new DomainError(ErrorCode.alreadyApplied, `You already have a shop (${existing.status}); edit it instead of applying again.`, {
            status: existing.status,
            artisanId: existing.id,
          });
        }
        return repo.save(existing ? this.reapplication(existing, input) : this.application(caller, input));
      })
      .catch((error) => {
        throw asArtisanClash(error, input.shopSlug);
      });
    return this.view(artisan, caller);
  }

  async mine(caller: Caller): Promise<ArtisanView> {
    return this.view(await this.own(caller, this.db.manager), caller);
  }

  /**
   * The owner edits their profile in any status, but not the status itself. The slug is the
   * shop's public address: it may change only until the shop is first verified, so links to a
   * public shop page never break.
   */
  async updateMine(caller: Caller, data: unknown): Promise<ArtisanView> {
    const patch = parseInput(profilePatch, data);
    if (patch.craftTypes) await this.assertCraftTypes(patch.craftTypes);
    const artisan = await this.db
      .transaction(async (tx) => {
        const artisan = await this.own(caller, tx, true);
        if (patch.shopSlug !== undefined && patch.shopSlug !== artisan.shopSlug && artisan.verifiedAt) {
          throw new DomainError(ErrorCode.conflict, 'The shop address cannot change once the shop has been verified.', {
            field: 'shopSlug',
            shopSlug: artisan.shopSlug,
          });
        }
        const before = { ...artisan };
        const saved = await tx.getRepository(Artisan).save(Object.assign(artisan, columns(patch)));
        await this.afterEdit(tx, caller, before, saved);
        return saved;
      })
      .catch((error) => {
        throw asArtisanClash(error, patch.shopSlug);
      });
    return this.view(artisan, caller);
  }

  /**
   * Any signed-in reader (curators in their queue, other apps): curators and the owner see
   * every shop in full; anyone else sees only verified shops, with the account number masked.
   */
  async get(caller: Caller, data: unknown): Promise<ArtisanView> {
    const { id } = parseInput(byIdInput, data);
    const artisan = await this.db.getRepository(Artisan).findOneBy({ id });
    if (!artisan || (!seesBankDetails(caller, artisan) && artisan.status !== ArtisanStatus.verified)) {
      throw new DomainError(ErrorCode.notFound, 'No such artisan.', { artisanId: id });
    }
    return this.view(artisan, caller);
  }

  view(artisan: Artisan, viewer: Caller): ArtisanView {
    return artisanView(artisan, viewer, (keys) => this.snapshots.photoUrls(keys));
  }

  private application(caller: Caller, input: ApplicationInput): Artisan {
    return this.db.getRepository(Artisan).create({
      id: newId(),
      userId: caller.userId,
      ...columns(input),
      photo: null,
      status: ArtisanStatus.pending,
      statusReason: null,
    });
  }

  private reapplication(rejected: Artisan, input: ApplicationInput): Artisan {
    return Object.assign(rejected, columns(input), { status: ArtisanStatus.pending, statusReason: null });
  }

  private async own(caller: Caller, tx: EntityManager, lock = false): Promise<Artisan> {
    const artisan = await tx.getRepository(Artisan).findOne({
      where: { userId: caller.userId },
      lock: lock ? { mode: 'pessimistic_write' } : undefined,
    });
    if (!artisan) throw new DomainError(ErrorCode.notFound, 'You have not applied for a shop yet.');
    return artisan;
  }

  /**
   * A new payout account is audited (payouts follow it), and a verified shop's new name or
   * regency reaches the copies of its published listings.
   */
  private async afterEdit(tx: EntityManager, caller: Caller, before: Artisan, after: Artisan): Promise<void> {
    const bankChanged = (['bankName', 'bankAccountName', 'bankAccountNumber'] as const).some((k) => before[k] !== after[k]);
    if (bankChanged) {
      await this.audit.record(tx, caller, {
        action: 'artisan.bank_account_changed',
        entityType: 'artisan',
        entityId: after.id,
        before: { bankAccount: bankOf(before) },
        after: { bankAccount: bankOf(after) },
      });
    }
    const shownOnListings = before.shopName !== after.shopName || before.regency !== after.regency;
    if (shownOnListings && after.status === ArtisanStatus.verified) {
      await this.listingEvents.announce(tx, await publishedListingIds(tx, after.id), { kind: 'updated' });
    }
  }

  /** Craft types name the taxonomy, a group (carving) or a craft (wood-carving). */
  private async assertCraftTypes(slugs: string[]): Promise<void> {
    const found = await Promise.all(slugs.map((slug) => this.categories.bySlug(slug)));
    const problems = slugs
      .map((slug, i) => ({ slug, i }))
      .filter(({ i }) => !found[i])
      .map(({ slug, i }) => ({ field: `craftTypes.${i}`, messages: [`unknown craft type "${slug}"; use a slug of the craft taxonomy, e.g. endek or wood-carving`] }));
    if (problems.length > 0) {
      throw new DomainError(ErrorCode.validationFailed, `Please correct: ${problems.map((p) => p.field).join(', ')}.`, problems);
    }
  }
}
