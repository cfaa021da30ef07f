import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ImportPreviewReport } from '@pk/contracts';
import { DomainError, isUuid, textProblem } from '@pk/core';
import { Artisan } from '../artisans/artisan.entity';
import { CategoriesService } from '../categories/categories.service';
import { ListingInput, listingInput } from '../listings/listing-input';
import { CsvProblem, CsvRow, readCsv } from './csv-file';
import { CSV_COLUMNS, LISTING_COLUMNS, cellOf, listingData } from './csv-format';

/** One listing of the file: its rows, the listing it updates (null: a new one), and its input when valid. */
export interface PlannedListing {
  listingId: string | null;
  rows: CsvRow[];
  input: ListingInput | null;
}

export interface ImportPlan {
  rows: number;
  listings: PlannedListing[];
  errors: CsvProblem[];
}

export function previewReport(plan: ImportPlan): ImportPreviewReport {
  const update = plan.listings.filter((l) => l.listingId !== null).length;
  return { rows: plan.rows, listings: { create: plan.listings.length - update, update }, errors: plan.errors };
}

/**
 * Reads a file and checks every row by the rules the API applies (listingInput, leaf category,
 * SKUs unique in the shop, only the shop's own listings), reporting each problem with its line.
 * The preview and the import job run the same check, the job inside its transaction.
 */
@Injectable()
export class ImportPlanner {
  constructor(private readonly categories: CategoriesService) {}

  async plan(tx: EntityManager, artisan: Artisan, bytes: Buffer): Promise<ImportPlan> {
    const file = readCsv(bytes);
    const errors = [...file.problems];
    const listings: PlannedListing[] = [];
    for (const rows of groupRows(storableRows(file.rows, errors), errors)) {
      listings.push(await this.planListing(rows, errors));
    }
    await checkListingIds(tx, artisan, listings, errors);
    await checkSkus(tx, artisan, listings, errors);
    const column = (p: CsvProblem) => (p.column ? CSV_COLUMNS.indexOf(p.column) : -1);
    errors.sort((a, b) => a.line - b.line || column(a) - column(b));
    const failed = new Set(errors.map((e) => e.line));
    for (const l of listings) if (l.rows.some((r) => failed.has(r.line))) l.input = null;
    return { rows: file.rows.length + file.problems.length, listings, errors };
  }

  private async planListing(rows: CsvRow[], errors: CsvProblem[]): Promise<PlannedListing> {
    const [first] = rows;
    for (const row of rows.slice(1)) {
      for (const column of LISTING_COLUMNS.filter((c) => row.cells[c] !== first.cells[c])) {
        errors.push({ line: row.line, column, message: `differs from line ${first.line}; every row of a listing must repeat its ${column}` });
      }
    }
    const listingId = first.cells.listing_id || null;
    if (listingId !== null && !isUuid(listingId)) {
      errors.push({ line: first.line, column: 'listing_id', message: 'a listing id from an export, or blank for a new listing' });
    }
    const { data, problems } = listingData(rows);
    errors.push(...problems);
    const refused = new Set(problems.map((p) => `${p.line}:${p.column}`));
    const parsed = listingInput.safeParse(data);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const { variant, column } = cellOf(issue.path);
        const line = rows[variant ?? 0]?.line ?? first.line;
        if (!refused.has(`${line}:${column}`)) errors.push({ line, column, message: issue.message });
      }
    }
    const category = await this.categoryProblem(first.cells.category);
    if (category && !errors.some((e) => e.line === first.line && e.column === 'category')) {
      errors.push({ line: first.line, column: 'category', message: category });
    }
    return { listingId: isUuid(listingId) ? listingId : null, rows, input: parsed.success ? parsed.data : null };
  }

  /** Why a category slug is not a leaf of the taxonomy, in the words the API uses; null when it is. */
  private async categoryProblem(slug: string): Promise<string | null> {
    if (slug === '') return null; // listingInput reports the blank
    try {
      await this.categories.leaf(slug);
      return null;
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const details = error.details as Array<{ messages?: string[] }> | undefined;
      return details?.[0]?.messages?.[0] ?? error.message;
    }
  }
}

/**
 * Rows whose cells Postgres can store: a NUL in a cell (a file saved by a tool that pads with
 * zero bytes) is that cell's problem, and its row goes no further (not even to the SKU lookup).
 */
function storableRows(rows: CsvRow[], errors: CsvProblem[]): CsvRow[] {
  return rows.filter((row) => {
    const bad = Object.entries(row.cells).flatMap(([column, cell]) => {
      const problem = typeof cell === 'string' ? textProblem(cell) : null;
      return problem ? [{ line: row.line, column: column as CsvProblem['column'], message: problem }] : [];
    });
    errors.push(...bad);
    return bad.length === 0;
  });
}

/**
 * The rows of each listing, in file order: rows sharing a handle are one listing; a row with a
 * listing id and no handle is that listing's.
 */
function groupRows(rows: CsvRow[], errors: CsvProblem[]): CsvRow[][] {
  const groups = new Map<string, CsvRow[]>();
  for (const row of rows) {
    const key = row.cells.handle || row.cells.listing_id;
    if (!key) {
      errors.push({ line: row.line, column: 'handle', message: 'give each new listing a handle; rows with the same handle form one listing' });
      continue;
    }
    groups.set(key, [...(groups.get(key) ?? []), row]);
  }
  return [...groups.values()];
}

/** Existing listings must be the shop's own and not archived; each may appear under one handle only. */
async function checkListingIds(tx: EntityManager, artisan: Artisan, listings: PlannedListing[], errors: CsvProblem[]): Promise<void> {
  const ids = listings.flatMap((l) => (l.listingId ? [l.listingId] : []));
  if (ids.length === 0) return;
  const found: Array<{ id: string; status: string }> = await tx.query(
    `SELECT id, status FROM catalog.listings WHERE id = ANY($1::uuid[]) AND artisan_id = $2`,
    [ids, artisan.id],
  );
  const status = new Map(found.map((f) => [f.id, f.status]));
  const firstLine = new Map<string, number>();
  for (const l of listings.filter((l) => l.listingId)) {
    const id = l.listingId as string;
    const line = l.rows[0].line;
    if (firstLine.has(id)) {
      errors.push({ line, column: 'listing_id', message: `this listing is also on line ${firstLine.get(id)} under another handle; give all its rows one handle` });
    } else if (!status.has(id)) {
      errors.push({ line, column: 'listing_id', message: 'no listing of your shop has this id; leave it blank to create a new listing' });
    } else if (status.get(id) === 'archived') {
      errors.push({ line, column: 'listing_id', message: 'this listing is archived; restore it before importing changes to it' });
    }
    firstLine.set(id, firstLine.get(id) ?? line);
  }
}

/**
 * SKUs are unique within the shop: not twice in the file (listingInput already reports a repeat
 * inside one listing) and not on another listing of the shop.
 */
async function checkSkus(tx: EntityManager, artisan: Artisan, listings: PlannedListing[], errors: CsvProblem[]): Promise<void> {
  const rows = listings.flatMap((l) => l.rows.filter((r) => r.cells.sku).map((row) => ({ row, listing: l, key: row.cells.sku.toLowerCase() })));
  const taken: Array<{ key: string; listing_id: string }> = await tx.query(
    `SELECT lower(sku) AS key, listing_id FROM catalog.variants WHERE artisan_id = $1 AND lower(sku) = ANY($2::text[])`,
    [artisan.id, [...new Set(rows.map((r) => r.key))]],
  );
  const owner = new Map(taken.map((t) => [t.key, t.listing_id]));
  const seen = new Map<string, { line: number; listing: PlannedListing }>();
  for (const { row, listing, key } of rows) {
    const earlier = seen.get(key);
    const other = owner.get(key);
    if (earlier && earlier.listing !== listing) {
      errors.push({ line: row.line, column: 'sku', message: `SKU ${row.cells.sku} is also on line ${earlier.line}; each SKU must be unique within the shop` });
    } else if (other && other !== listing.listingId) {
      errors.push({ line: row.line, column: 'sku', message: `SKU ${row.cells.sku} is already used by another listing of your shop (${other})` });
    }
    if (!earlier) seen.set(key, { line: row.line, listing });
  }
}
