import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Caller, ImportPreviewReport, ImportStatus, ImportView } from '@pk/contracts';
import { DomainError, ErrorCode, newId, parseInput } from '@pk/core';
import { ArtisanAccess } from '../artisans/artisan-access';
import { Artisan } from '../artisans/artisan.entity';
import { invalidCsv } from './csv-file';
import { ImportPlan, ImportPlanner, previewReport } from './import-plan';
import { ImportQueue } from './import-queue';
import { ListingImport } from './listing-import.entity';
import { byId } from '@pk/contracts/requests/common';
import { importUploadInput as upload } from '@pk/contracts/requests/listings';

// The gateway sends the uploaded bytes as base64, so the encoding is judged here, row by row.

/** Bulk upload: preview a file, queue its import, poll the import. Only a verified artisan, only their own shop. */
@Injectable()
export class ImportsService {
  constructor(
    private readonly db: DataSource,
    private readonly access: ArtisanAccess,
    private readonly planner: ImportPlanner,
    private readonly queue: ImportQueue,
  ) {}

  /** Every problem of the file with its line; writes nothing. */
  async preview(caller: Caller, data: unknown): Promise<ImportPreviewReport> {
    const { plan } = await this.check(caller, data);
    return previewReport(plan);
  }

  /** Stores the file and queues the job, or refuses the file with the preview's errors. */
  async start(caller: Caller, data: unknown): Promise<ImportView> {
    const { artisan, plan, bytes } = await this.check(caller, data);
    const report = previewReport(plan);
    if (report.errors.length > 0) {
      throw invalidCsv(`The file has ${report.errors.length} problems; nothing was imported. Fix them and upload it again.`, report.errors, {
        rows: report.rows,
        listings: report.listings,
      });
    }
    const imports = this.db.getRepository(ListingImport);
    const row = imports.create({
      id: newId(),
      artisanId: artisan.id,
      requestedBy: caller.userId,
      status: ImportStatus.queued,
      csv: bytes.toString('utf8'),
      totalRows: report.rows,
      processedRows: 0,
      listingsToCreate: report.listings.create,
      listingsToUpdate: report.listings.update,
      createdListingIds: [],
      updatedListingIds: [],
      errors: [],
      attempts: 0,
    });
    await imports.insert(row);
    try {
      await this.queue.add(row.id);
    } catch {
      await imports.delete(row.id);
      throw new DomainError(ErrorCode.serviceUnavailable, 'Imports cannot be queued right now; please try again in a minute.');
    }
    return importView(row); // as inserted: queued
  }

  /** The owner's view of an import, for polling its progress. */
  async get(caller: Caller, data: unknown): Promise<ImportView> {
    const { id } = parseInput(byId, data);
    const artisan = await this.access.own(caller);
    const row = await this.db.getRepository(ListingImport).findOneBy({ id });
    if (!row) throw new DomainError(ErrorCode.notFound, 'No such import.', { importId: id });
    if (row.artisanId !== artisan.id) throw new DomainError(ErrorCode.forbidden, 'This import belongs to another shop.', { importId: id });
    return importView(row);
  }

  private async check(caller: Caller, data: unknown): Promise<{ artisan: Artisan; plan: ImportPlan; bytes: Buffer }> {
    const { csvBase64 } = parseInput(upload, data);
    const artisan = await this.access.ownVerified(caller);
    const bytes = Buffer.from(csvBase64, 'base64');
    return { artisan, plan: await this.planner.plan(this.db.manager, artisan, bytes), bytes };
  }
}

function importView(row: ListingImport): ImportView {
  return {
    id: row.id,
    status: row.status,
    rows: row.totalRows,
    processedRows: row.processedRows,
    listings: { create: row.listingsToCreate, update: row.listingsToUpdate },
    createdListingIds: row.createdListingIds,
    updatedListingIds: row.updatedListingIds,
    errors: row.errors,
    attempts: row.attempts,
    createdAt: row.createdAt.toISOString(),
    startedAt: row.startedAt?.toISOString() ?? null,
    finishedAt: row.finishedAt?.toISOString() ?? null,
  };
}
