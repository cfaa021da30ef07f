import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Caller, ImportProblem, ImportStatus, Roles } from '@pk/contracts';
import { DomainError } from '@pk/core';
import { ArtisanAccess } from '../artisans/artisan-access';
import { Artisan } from '../artisans/artisan.entity';
import { ListingsService } from '../listings/listings.service';
import { ImportPlan, ImportPlanner } from './import-plan';
import { ListingImport } from './listing-import.entity';

const PROGRESS_EVERY_MS = 250;

/** A refusal tied to a row: the import fails with it at once, since trying again cannot help. */
class RowRefused extends Error {
  constructor(readonly problem: ImportProblem) {
    super(problem.message);
  }
}

type Outcome = Pick<ListingImport, 'status' | 'errors'> & Partial<Pick<ListingImport, 'processedRows' | 'createdListingIds' | 'updatedListingIds'>>;

/**
 * Runs one import, all or nothing in one transaction: the file is checked again against the shop
 * as it is now, then new listings are created as drafts and existing ones replaced (fields, and
 * variants by SKU with stock through the ledger). Progress is written beside the transaction so
 * a poll sees it; the outcome is written inside it, so "succeeded" means the listings exist.
 */
@Injectable()
export class ImportRunner {
  constructor(
    private readonly db: DataSource,
    private readonly access: ArtisanAccess,
    private readonly planner: ImportPlanner,
    private readonly listings: ListingsService,
  ) {}

  async run(importId: string, attempt: { attempt: number; last: boolean }): Promise<void> {
    const imports = this.db.getRepository(ListingImport);
    const job = await imports.findOneBy({ id: importId });
    if (!job || job.status === ImportStatus.succeeded || job.status === ImportStatus.failed) return; // delivered again after it finished
    await imports.update(importId, { status: ImportStatus.running, processedRows: 0, attempts: attempt.attempt, startedAt: new Date() });
    try {
      await this.db.transaction((tx) => this.apply(tx, job));
    } catch (error) {
      if (error instanceof RowRefused) return this.finish(this.db.manager, importId, { status: ImportStatus.failed, errors: [error.problem] });
      // A crash: everything rolled back. BullMQ tries again; after the last try the artisan is told.
      if (attempt.last) {
        await this.finish(this.db.manager, importId, {
          status: ImportStatus.failed,
          errors: [{ message: 'The import stopped because of a problem on our side; nothing was saved. Please upload the file again.' }],
        });
      } else {
        await imports.update(importId, { status: ImportStatus.queued });
      }
      throw error;
    }
  }

  private async apply(tx: EntityManager, job: ListingImport): Promise<void> {
    // One import per shop at a time, so two of them never race each other for SKUs.
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`catalog.imports:${job.artisanId}`]);
    const caller: Caller = { userId: job.requestedBy, roles: [Roles.artisan] };
    const artisan = await this.access.ownVerified(caller, tx).catch((error: unknown) => {
      if (error instanceof DomainError) throw new RowRefused({ message: error.message });
      throw error;
    });
    const plan = await this.planner.plan(tx, artisan, Buffer.from(job.csv, 'utf8'));
    if (plan.errors.length > 0) return this.finish(tx, job.id, { status: ImportStatus.failed, errors: plan.errors });
    const { created, updated } = await this.write(tx, caller, artisan, plan, job.id);
    await this.finish(tx, job.id, {
      status: ImportStatus.succeeded,
      errors: [],
      processedRows: plan.rows,
      createdListingIds: created,
      updatedListingIds: updated,
    });
  }

  private async write(tx: EntityManager, caller: Caller, artisan: Artisan, plan: ImportPlan, importId: string) {
    const created: string[] = [];
    const updated: string[] = [];
    let processed = 0;
    let reportedAt = 0;
    for (const planned of plan.listings) {
      const input = planned.input!; // a plan without errors has every input
      try {
        if (planned.listingId) {
          const { listing } = await this.access.ownListing(caller, planned.listingId, tx);
          updated.push((await this.listings.replaceInTx(tx, caller, artisan, listing, input)).id);
        } else {
          created.push((await this.listings.createInTx(tx, caller, artisan, input)).id);
        }
      } catch (error) {
        // e.g. a SKU taken since the check: the unique index refuses it and the import fails whole
        if (error instanceof DomainError) throw new RowRefused({ line: planned.rows[0].line, message: error.message });
        throw error;
      }
      processed += planned.rows.length;
      if (Date.now() - reportedAt >= PROGRESS_EVERY_MS) {
        reportedAt = Date.now();
        // outside the transaction, so a poll sees it while the import runs
        await this.db.getRepository(ListingImport).update(importId, { processedRows: processed });
      }
    }
    return { created, updated };
  }

  private async finish(manager: EntityManager, importId: string, outcome: Outcome): Promise<void> {
    await manager.getRepository(ListingImport).update(importId, { ...outcome, finishedAt: new Date() });
  }
}
