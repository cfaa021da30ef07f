import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CHANNEL_NAMES, ChannelRunCounts, ChannelRunView, ListingSnapshot } from '@pk/contracts';
import { APP_CONFIG, AppConfig } from '@pk/core';
import { ChannelProductState, type ChannelAdapter, type ChannelCategoryMapping, type ChannelImageRef, type ChannelListing, type ChannelProductRef, type PriceStockItem, type ValidationProblem } from '../adapters/channel-adapter';
import { auditRefusal, ChannelError, ChannelErrorKind, problemsOf } from '../adapters/channel-errors';
import { photoUrls } from '../adapters/listing-content';
import { AccountsService, ChannelAccount } from '../accounts/accounts.service';
import { AdapterFactory, CountingLimiter } from '../accounts/adapter-factory';
import { reconnectReason } from '../connect/token-refresh.service';
import { ListingAttributesService } from '../listings/listing-attributes.service';
import { MappingsService } from '../mappings/mappings.service';
import { contentHash, stockBySku, withAbsolutePhotos } from './export-content';
import { dryRunPayload } from './dry-run-payload';
import { PromotionSession } from './promotion-session';
import { EMPTY_COUNTS } from './run-view';
import { notLiveOn } from './platform-outcome';
import { heldAfterSend, planStock, type StockPlan } from './stock-plan';
import { RunItem, RunsService } from './runs.service';

/** A listing as this account's export sees it: our copy, and what the channel was last sent. */
interface Candidate {
  listingId: string;
  snapshot: ListingSnapshot | null;
  status: string | null;
  product: (ChannelProductRef & { images?: ChannelImageRef[] }) | null;
  contentHash: string | null;
  pushedStock: Record<string, number>;
  active: boolean;
  /**
   * In review when the run began, or live with a platform that is not (`rejectedBy` channel: a
   * migrated seller's product refused on Tokopedia only), so the run asks the channel for its verdict.
   */
  reviewable: boolean;
}

/** What a listing's stock asks of the channel this run (see planStock). */
type StockWork = { c: Candidate; wanted: Record<string, number>; plan: StockPlan };

/** Our stored status as the channel's product state (failed and unknown read as live: the channel decides). */
const productStateOf = (status: string | null): ChannelProductState =>
  status === 'in_review' ? ChannelProductState.inReview : status === 'rejected' ? ChannelProductState.rejected : status === 'sold_out' ? ChannelProductState.inactive : ChannelProductState.live;

// Failures no other listing would escape: stop the run rather than fail every listing with them.
const FATAL = new Set<string>([ChannelErrorKind.badSignature, ChannelErrorKind.badTimestamp, ChannelErrorKind.badAppKey, ChannelErrorKind.invalidToken]);
const PARALLEL = 8;
const LAST_PASS_PAUSE_MS = 2000;

class RunAborted extends Error {
  /** `tokenRefused`: the channel refused the account's tokens even after a refresh. */
  constructor(message: string, readonly tokenRefused: ChannelError | null = null) {
    super(message);
  }
}

/** The process is shutting down: the run stays `running` and its job is tried again, where it resumes. */
export class RunInterrupted extends Error {
  constructor() {
    super('the channels service stopped during the run; it resumes when the job is retried');
  }
}

/**
 * One export run of one account: deactivate what is no longer public, check the rest against the
 * channel's rules, create or update what changed (by content hash), push stock that differs, and
 * re-check products in review. Each listing's state is committed as it goes, so a run killed
 * halfway resumes where it was and creates nothing twice (creates carry a key per listing).
 */
@Injectable()
export class ExportRunner {
  private readonly logger = new Logger(ExportRunner.name);
  private stopping = false;

  constructor(
    private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly accounts: AccountsService,
    private readonly adapters: AdapterFactory,
    private readonly mappings: MappingsService,
    private readonly runs: RunsService,
    private readonly listingAttributes: ListingAttributesService,
  ) {}

  /** Shutdown: runs stop taking listings, keep what they did, and end with RunInterrupted. */
  stop(): void {
    this.stopping = true;
  }

  /** `stockOf`: for a stock push, the listings whose stock changed (the run pushes stock only). */
  async run(run: ChannelRunView, stockOf: string[] = []): Promise<void> {
    const account = await this.accounts.load(run.accountId);
    if (account.needsReconnect) {
      // A stock push leaves no run behind: the first run after the reconnect sends the stock that differs.
      if (run.kind === 'stock') return this.runs.discard(run.id);
      // Nothing the channel would take until the owner authorizes again: the run says so and sends nothing.
      await this.runs.finish(run.id, { ...EMPTY_COUNTS }, run.requests, `Skipped: the ${account.channel} account must be connected again. ${account.reconnectReason ?? ''}`.trim());
      return;
    }
    const limiter = new CountingLimiter();
    const adapter = this.adapters.create(account, limiter);
    const dryRun = run.kind === 'dry_run';
    const counts: ChannelRunCounts = { ...EMPTY_COUNTS, ...(run.status === 'running' ? run.counts : {}) };
    const requestsBefore = run.requests;
    const done = await this.runs.done(run.id);
    const mappings = await this.mappings.forChannel(account.channel);
    const candidates = await this.candidates(account, run.artisanId, run.kind === 'stock' ? stockOf : null);
    const attributeValues = await this.listingAttributes.forExport(account.channel, candidates.map((c) => c.listingId));
    const images = new Map<string, ChannelImageRef>();
    const stock: StockWork[] = [];
    // Channels whose promotions are activities of their own (TikTok Shop) get campaign prices this way.
    const promotions = adapter.promotions && !dryRun && run.kind !== 'stock' ? new PromotionSession(this.db, account.id, adapter.promotions) : null;
    let error: string | null = null;
    counts.considered = candidates.length;
    // Listings the channel throttled or could not take right now, after the adapter's own retries:
    // they get one more, slower pass at the end of the run rather than being marked failed.
    const later: Candidate[] = [];
    let lastPass = false;

    const listingOf = (listingId: string, snapshot: ListingSnapshot): ChannelListing => {
      const values = attributeValues.get(listingId);
      return {
        listing: withAbsolutePhotos(snapshot, this.config.channels.publicUrl),
        category: mappings.get(snapshot.category.slug) ?? null,
        ...(values ? { attributeValues: values } : {}),
      };
    };

    const one = async (c: Candidate): Promise<void> => {
      if (run.kind === 'stock') return this.collectStock(c, stock, adapter);
      if (done.has(c.listingId)) return;
      if (!c.snapshot) {
        await this.deactivate(run, c, adapter, dryRun, counts);
        return;
      }
      const listing = listingOf(c.listingId, c.snapshot);
      const hash = contentHash(listing, adapter);
      const action = c.product ? 'update' : 'create';
      // A live campaign price: sent as a promotion where the channel has one, else the run says why not.
      const promotion = adapter.describePromotion(listing);
      const problems = adapter.validate(listing);
      if (problems.length) {
        const reason = problems.map((p) => p.reason).join(' ');
        counts.refused += 1;
        if (!dryRun) await this.setState(account.id, c.listingId, { status: 'rejected', reason, problems, rejectedBy: 'precheck' });
        await this.runs.record(run.id, [{ listingId: c.listingId, action, outcome: 'refused', reason }]);
        return;
      }
      // Unchanged content is not sent again, even if the channel refused it: the artisan changes it first.
      if (c.product && c.contentHash === hash && c.active && c.status !== 'failed') {
        let note = promotion;
        try {
          if (promotions) note = await promotions.export(c.listingId, listing.listing, c.product);
        } catch (e) {
          if (!lastPass && e instanceof ChannelError && e.retryable) later.push(c);
          else await this.failed(run, account, c.listingId, 'skip', e, counts);
          return;
        }
        counts.unchanged += 1;
        this.collectStock(c, stock, adapter);
        await this.runs.record(run.id, [{ listingId: c.listingId, action: 'skip', outcome: 'ok', reason: note && !note.exported ? note.note : null }]);
        return;
      }
      if (dryRun) {
        counts[action === 'create' ? 'created' : 'updated'] += 1;
        await this.runs.record(run.id, [{ listingId: c.listingId, action, outcome: 'planned', reason: promotion?.note ?? null, payload: dryRunPayload(account, listing, c.product) }]);
        return;
      }
      try {
        const urls = photoUrls(listing.listing, adapter.limits.images.max);
        let refs = await this.images(adapter, urls, images, c.product?.images);
        const create = (key: string) => adapter.createProduct(listing, refs, { idempotencyKey: key });
        let ref: ChannelProductRef;
        // The SKUs the channel already had, for what it holds after the send (heldAfterSend).
        let existing = new Set<string>();
        if (!c.product) ref = await create(`${account.id}:${c.listingId}`);
        else {
          try {
            ref = await adapter.updateProduct(c.product, listing, refs);
            existing = new Set(c.product.skus.map((s) => s.sellerSku));
          } catch (e) {
            // Deleted on the channel's side: made again, with photos uploaded again.
            if (!(e instanceof ChannelError && e.kind === ChannelErrorKind.notFound)) throw e;
            for (const stale of c.product.images ?? []) images.delete(stale.sourceUrl);
            refs = await this.images(adapter, urls, images);
            ref = await create(`${account.id}:${c.listingId}:${hash.slice(0, 16)}`);
          }
        }
        counts[action === 'create' ? 'created' : 'updated'] += 1;
        // A product hidden as sold out stays hidden through an edit (the channel audits only the platforms it is on).
        const hidden = c.status === 'sold_out';
        c.status = hidden ? 'sold_out' : 'in_review';
        c.product = { ...ref, images: refs };
        await this.setState(account.id, c.listingId, {
          status: c.status, ...(hidden ? {} : { reason: null, rejectedBy: null }), product: { ...ref, images: refs }, contentHash: hash,
          pushedStock: heldAfterSend(stockBySku(listing.listing), c.pushedStock, existing, !!adapter.hidesSoldOut), active: true, synced: true,
        });
        // Sent and committed: a retry of this listing (last pass, resumed run) only sees to the promotion.
        c.contentHash = hash;
        c.active = true;
        const sent = promotions ? await promotions.export(c.listingId, listing.listing, ref) : promotion;
        const notes = [ref.recovered ? 'adopted the product an interrupted run had created' : null, ...(ref.warnings ?? []).map((w) => `the channel warned: ${w}`), sent?.note ?? null].filter(Boolean);
        await this.runs.record(run.id, [{ listingId: c.listingId, action, outcome: 'ok', reason: notes.join(' ') || null }]);
      } catch (e) {
        if (!lastPass && e instanceof ChannelError && e.retryable) later.push(c);
        else await this.failed(run, account, c.listingId, action, e, counts);
      }
    };

    try {
      await promotions?.sweep();
      await this.each(candidates, one, () => this.runs.progress(run.id, counts, requestsBefore + limiter.count));
      if (later.length && !this.stopping) {
        lastPass = true;
        await new Promise((resolve) => setTimeout(resolve, LAST_PASS_PAUSE_MS));
        await this.each(later, one, () => this.runs.progress(run.id, counts, requestsBefore + limiter.count), 1);
      }
      if (this.stopping) throw new RunInterrupted();
      if (!dryRun) await this.stockPhase(run, account, adapter, stock, counts, listingOf);
      await this.reviewPending(account, adapter, candidates, dryRun);
    } catch (e) {
      if (e instanceof RunInterrupted) {
        await this.runs.progress(run.id, counts, requestsBefore + limiter.count).catch(() => undefined);
        throw e;
      }
      error = e instanceof RunAborted ? e.message : `${(e as Error).message}`;
      if (!(e instanceof RunAborted)) this.logger.error(`run ${run.id} failed: ${(e as Error).stack}`);
      const refused = e instanceof RunAborted ? e.tokenRefused : e instanceof ChannelError && e.isTokenProblem ? e : null;
      if (refused) error = await this.reconnectNeeded(account, adapter, refused, error);
    }
    if (run.kind === 'stock' && stock.length === 0 && !error) {
      // A push that found every channel already right leaves no run behind.
      await this.runs.discard(run.id);
      return;
    }
    // What each listing came to is recorded per item; the counts are taken from there, so a run
    // resumed after a crash counts what the first attempt did too.
    await this.runs.finish(run.id, { ...(await this.runs.counted(run.id)), considered: counts.considered, stockUpdated: counts.stockUpdated }, requestsBefore + limiter.count, error);
  }

  /**
   * The channel refused the account's tokens and the adapter's refresh did not help: the owner must
   * connect again. Unless another process (the scheduled refresh) stored new tokens meanwhile.
   */
  private async reconnectNeeded(account: ChannelAccount, adapter: ChannelAdapter, e: ChannelError, error: string): Promise<string> {
    const stored = await this.accounts.load(account.id);
    if (stored.secrets.refreshToken !== adapter.currentTokens().refreshToken) return error;
    const reason = reconnectReason(e);
    await this.accounts.markNeedsReconnect(account.id, reason);
    return `${error} ${reason}`;
  }

  /** Runs `work` over the candidates, PARALLEL at a time (the adapter's limiter paces them). */
  private async each(candidates: Candidate[], work: (c: Candidate) => Promise<void>, checkpoint: () => Promise<void>, lanes = PARALLEL): Promise<void> {
    let next = 0;
    let sinceCheckpoint = 0;
    let aborted: unknown = null;
    const lane = async () => {
      while (next < candidates.length && !aborted && !this.stopping) {
        const c = candidates[next++];
        try {
          await work(c);
        } catch (e) {
          aborted = e;
        }
        if (++sinceCheckpoint >= 25) {
          sinceCheckpoint = 0;
          await checkpoint();
        }
      }
    };
    await Promise.all(Array.from({ length: lanes }, lane));
    if (aborted) throw aborted;
  }

  private async candidates(account: ChannelAccount, artisanId: string | null, only: string[] | null): Promise<Candidate[]> {
    const rows: Array<{ listing_id: string; snapshot: ListingSnapshot | null; status: string | null; product: Candidate['product'];
      content_hash: string | null; pushed_stock: Record<string, number> | null; active: boolean | null; rejected_by: string | null }> = await this.db.query(
      `SELECT l.listing_id, l.snapshot, s.status, s.product, s.content_hash, s.pushed_stock, s.active, s.rejected_by
       FROM channels.listings l
       LEFT JOIN channels.listing_states s ON s.listing_id = l.listing_id AND s.account_id = $1
       WHERE ($2::uuid IS NULL OR l.artisan_id = $2)
         AND ($4::uuid[] IS NULL OR l.listing_id = ANY($4::uuid[]))
         AND (CASE WHEN $3::uuid IS NOT NULL THEN l.artisan_id = $3
              ELSE NOT EXISTS (SELECT 1 FROM channels.accounts o WHERE o.scope = 'shop' AND o.status = 'active'
                               AND o.channel = $5 AND o.artisan_id = l.artisan_id) END)
         AND (l.snapshot IS NOT NULL OR (s.product IS NOT NULL AND s.active))
       ORDER BY l.listing_id`,
      [account.id, artisanId, account.scope === 'shop' ? account.artisanId : null, only, account.channel],
    );
    return rows.map((r) => ({
      listingId: r.listing_id,
      snapshot: r.snapshot,
      status: r.status,
      product: r.product,
      contentHash: r.content_hash,
      pushedStock: r.pushed_stock ?? {},
      active: r.active ?? false,
      reviewable: r.status === 'in_review' || (r.status === 'synced' && r.rejected_by === 'channel'),
    }));
  }

  /** Uploads the photos not uploaded before (this run, or for this product with the same URLs). */
  private async images(adapter: ChannelAdapter, urls: string[], cache: Map<string, ChannelImageRef>, stored?: ChannelImageRef[]): Promise<ChannelImageRef[]> {
    for (const ref of stored ?? []) if (!cache.has(ref.sourceUrl)) cache.set(ref.sourceUrl, ref);
    const missing = urls.filter((u) => !cache.has(u));
    if (missing.length) for (const ref of await adapter.uploadImages(missing)) cache.set(ref.sourceUrl, ref);
    return urls.map((u) => cache.get(u) as ChannelImageRef);
  }

  private async deactivate(run: ChannelRunView, c: Candidate, adapter: ChannelAdapter, dryRun: boolean, counts: ChannelRunCounts): Promise<void> {
    if (dryRun) {
      counts.deactivated += 1;
      await this.runs.record(run.id, [{ listingId: c.listingId, action: 'deactivate', outcome: 'planned' }]);
      return;
    }
    try {
      await adapter.deactivateProduct(c.product as ChannelProductRef);
      counts.deactivated += 1;
      await this.setState(run.accountId, c.listingId, { active: false, status: 'synced', reason: null, rejectedBy: null, synced: true });
      await this.runs.record(run.id, [{ listingId: c.listingId, action: 'deactivate', outcome: 'ok' }]);
    } catch (e) {
      await this.failed(run, await this.accounts.load(run.accountId), c.listingId, 'deactivate', e, counts);
    }
  }

  /**
   * Products that were waiting for the channel's audit when the run began: synced when it passed,
   * rejected with its reasons. What this run sent is checked by the next one (an audit takes a while,
   * and asking at once would double a full export's requests). Where the channel lists on several
   * platforms (a seller migrated from Tokopedia), a product live on one is synced, and the reason
   * names each platform it is not live on and why ("Tokopedia: refused in review: …"); such a
   * product is asked again each run until every platform has it live.
   */
  private async reviewPending(account: ChannelAccount, adapter: ChannelAdapter, candidates: Candidate[], dryRun: boolean): Promise<void> {
    if (dryRun) return;
    const pending = candidates.filter((c) => c.reviewable && (c.status === 'in_review' || c.status === 'synced') && c.product);
    // In lanes like the export itself (the adapter's limiter paces them), and it stops at shutdown.
    await this.each(pending, async (c) => {
      const verdict = await adapter.getProductStatus(c.product as ChannelProductRef).catch((e) => {
        if (e instanceof ChannelError && FATAL.has(e.kind)) throw new RunAborted(e.reason, e.isTokenProblem ? e : null);
        return null;
      });
      if (!verdict || verdict.state === 'in_review') return;
      const rejected = verdict.state === 'rejected';
      // Live on one platform, not on another: synced, with the other's outcome as the reason.
      const elsewhere = rejected ? null : notLiveOn(verdict);
      c.status = rejected ? 'rejected' : 'synced';
      await this.setState(account.id, c.listingId, {
        status: c.status, reason: rejected ? verdict.reasons.join(' ') || 'Refused by the channel without a reason.' : (elsewhere?.reason ?? null), rejectedBy: rejected || elsewhere ? 'channel' : null,
        problems: rejected ? [auditRefusal(account.channel, verdict.reasons.join(' ') || 'no reason given')] : (elsewhere?.problems ?? []),
      });
    }, async () => undefined);
    if (this.stopping) throw new RunInterrupted();
  }

  /**
   * What the listing's stock asks of the channel (planStock): stock that differs, where the channel
   * takes stock in the product's state (TikTok Shop: live products only; a product in audit keeps its
   * wanted stock, `pushedStock` untouched, so the first run after approval sends it); or, where the
   * channel takes no stock of 0, hiding a product with a sold-out SKU and putting it back later.
   */
  private collectStock(c: Candidate, out: StockWork[], adapter: ChannelAdapter): void {
    if (!c.snapshot || !c.product || !c.active) return;
    const wanted = stockBySku(c.snapshot);
    const plan = planStock({
      status: c.status, product: c.product, wanted, pushed: c.pushedStock,
      acceptsPriceStock: adapter.acceptsPriceStock(productStateOf(c.status)), hidesSoldOut: !!adapter.hidesSoldOut && !!adapter.reactivateProduct,
    });
    if (plan) out.push({ c, wanted, plan });
  }

  /**
   * Stock goes out as it is when it is sent, not as it was when the run read the listing: a run
   * reads each listing as it goes and sends stock at its end, and a sale in between would otherwise
   * leave the channel with the figure from before it (more than there is: an oversell). The quick
   * stock push runs beside an export of the same account, so both take a lock per account for this
   * step and re-read what is wanted and what was pushed under it: neither sends what the other just
   * sent, and the later one sends the newer figure. A Postgres advisory lock on a connection of its
   * own holds across replicas and is released if the process dies.
   */
  private async stockPhase(
    run: ChannelRunView, account: ChannelAccount, adapter: ChannelAdapter, stock: StockWork[], counts: ChannelRunCounts,
    listingOf: (listingId: string, snapshot: ListingSnapshot) => ChannelListing,
  ): Promise<void> {
    if (!stock.length) return;
    const lock = this.db.createQueryRunner();
    await lock.connect();
    try {
      await lock.query(`SELECT pg_advisory_lock(hashtext('channels.stock'), hashtext($1))`, [account.id]);
      try {
        const fresh: StockWork[] = [];
        for (const c of await this.candidates(account, null, stock.map((s) => s.c.listingId))) this.collectStock(c, fresh, adapter);
        await this.pushStock(run, account, adapter, fresh, counts, listingOf);
        // A product hidden or put back here has a new state: the rest of the run (its review) sees it.
        const now = new Map(fresh.map((f) => [f.c.listingId, f.c.status]));
        for (const s of stock) if (now.has(s.c.listingId)) s.c.status = now.get(s.c.listingId)!;
      } finally {
        await lock.query(`SELECT pg_advisory_unlock(hashtext('channels.stock'), hashtext($1))`, [account.id]).catch(() => undefined);
      }
    } finally {
      await lock.release();
    }
  }

  private async pushStock(
    run: ChannelRunView, account: ChannelAccount, adapter: ChannelAdapter, stock: StockWork[], counts: ChannelRunCounts,
    listingOf: (listingId: string, snapshot: ListingSnapshot) => ChannelListing,
  ): Promise<void> {
    const pushes = stock.filter((s): s is StockWork & { plan: { kind: 'push' } } => s.plan.kind === 'push');
    await this.each(stock.filter((s) => s.plan.kind !== 'push').map((s) => s.c), async (c) => {
      const s = stock.find((w) => w.c === c)!;
      await this.soldOutMove(run, account, adapter, s, listingOf(c.listingId, c.snapshot!), counts);
    }, async () => undefined);
    if (!pushes.length) return;
    const result = await adapter.updatePriceStock(pushes.flatMap((s) => s.plan.items));
    const failedSkus = new Set(result.failed.map((f) => f.item.sellerSku));
    for (const s of pushes) {
      const pushed = { ...s.c.pushedStock };
      for (const item of s.plan.items) if (!failedSkus.has(item.sellerSku)) pushed[item.sellerSku] = item.stock as number;
      await this.setState(account.id, s.c.listingId, { pushedStock: pushed });
      const failures = result.failed.filter((f) => s.plan.items.includes(f.item));
      counts.stockUpdated += s.plan.items.length - failures.length;
      await this.runs.record(run.id, [{ listingId: s.c.listingId, action: 'stock', outcome: failures.length ? 'failed' : 'ok', reason: failures.map((f) => f.reason).join(' ') || null }]);
    }
  }

  /**
   * A channel that takes no stock of 0 (TikTok Shop): a live product with a sold-out SKU is
   * deactivated and recorded as sold out (not unpublished: it comes back); once every SKU has stock
   * again it is given that stock and activated, and waits for the channel's audit like a new product.
   */
  private async soldOutMove(run: ChannelRunView, account: ChannelAccount, adapter: ChannelAdapter, s: StockWork, listing: ChannelListing, counts: ChannelRunCounts): Promise<void> {
    const { c, plan } = s;
    const product = c.product as ChannelProductRef;
    const channel = CHANNEL_NAMES[account.channel];
    try {
      if (plan.kind === 'hide') {
        await adapter.deactivateProduct(product);
        const reason = `Sold out (${plan.soldOut.join(', ')}): hidden on ${channel}, which takes no stock of 0, until every variant has stock again.`;
        c.status = 'sold_out';
        const problems = [{ field: 'stock', reason, code: 'channel.sold_out_hidden', params: { channel: account.channel, skus: plan.soldOut.join(', ') } }];
        await this.setState(account.id, c.listingId, { status: 'sold_out', reason, rejectedBy: null, problems });
        await this.runs.record(run.id, [{ listingId: c.listingId, action: 'stock', outcome: 'ok', reason: `sold out: deactivated on the channel (${plan.soldOut.join(', ')}).` }]);
      } else {
        await adapter.reactivateProduct!(product, listing);
        // activate-product.spec.json: Pending while the channel audits it; the stock went with it.
        c.status = 'in_review';
        const sent = Object.fromEntries(Object.entries(s.wanted).filter(([, n]) => n > 0));
        await this.setState(account.id, c.listingId, { status: 'in_review', reason: null, rejectedBy: null, problems: [], pushedStock: { ...c.pushedStock, ...sent } });
        counts.stockUpdated += Object.keys(sent).length;
        await this.runs.record(run.id, [{ listingId: c.listingId, action: 'stock', outcome: 'ok', reason: 'back in stock: stock set and the product activated again; the channel reviews it before it is on sale.' }]);
      }
    } catch (e) {
      if (e instanceof ChannelError && FATAL.has(e.kind)) throw new RunAborted(e.reason, e.isTokenProblem ? e : null);
      const reason = e instanceof ChannelError ? e.reason : `Unexpected error: ${(e as Error).message}`;
      await this.runs.record(run.id, [{ listingId: c.listingId, action: 'stock', outcome: 'failed', reason: `${plan.kind === 'hide' ? 'could not hide the sold-out product' : 'could not put the product back on sale'}: ${reason}` }]);
    }
  }

  private async failed(run: ChannelRunView, account: ChannelAccount, listingId: string, action: RunItem['action'], e: unknown, counts: ChannelRunCounts): Promise<void> {
    const reason = e instanceof ChannelError ? e.reason : `Unexpected error: ${(e as Error).message}`;
    counts.failed += 1;
    await this.setState(account.id, listingId, { status: 'failed', reason, problems: problemsOf(e, account.channel), rejectedBy: null });
    await this.runs.record(run.id, [{ listingId, action, outcome: 'failed', reason }]);
    if (e instanceof ChannelError && FATAL.has(e.kind)) throw new RunAborted(reason, e.isTokenProblem ? e : null);
    if (!(e instanceof ChannelError)) this.logger.warn(`listing ${listingId} on ${account.channel}: ${(e as Error).stack}`);
  }

  private async setState(accountId: string, listingId: string, s: {
    status?: string; reason?: string | null; rejectedBy?: string | null; product?: unknown; contentHash?: string;
    pushedStock?: Record<string, number>; active?: boolean; synced?: boolean;
    /** The reason's problems as codes for the web; set (or cleared) whenever the reason is. */
    problems?: ValidationProblem[];
  }): Promise<void> {
    await this.db.query(
      `INSERT INTO channels.listing_states (account_id, listing_id, status, reason, rejected_by, product, content_hash, pushed_stock, active, synced_at, problems)
       VALUES ($1, $2, coalesce($3, 'pending'), $4, $5, $6, $7, coalesce($8, '{}'::jsonb), coalesce($9, false), CASE WHEN $10 THEN now() END, $12)
       ON CONFLICT (account_id, listing_id) DO UPDATE SET
         status = coalesce($3, channels.listing_states.status),
         reason = CASE WHEN $11 THEN $4 ELSE channels.listing_states.reason END,
         rejected_by = CASE WHEN $11 THEN $5 ELSE channels.listing_states.rejected_by END,
         problems = CASE WHEN $11 THEN $12 ELSE channels.listing_states.problems END,
         product = coalesce($6, channels.listing_states.product),
         content_hash = coalesce($7, channels.listing_states.content_hash),
         pushed_stock = coalesce($8, channels.listing_states.pushed_stock),
         active = coalesce($9, channels.listing_states.active),
         synced_at = CASE WHEN $10 THEN now() ELSE channels.listing_states.synced_at END,
         updated_at = now()`,
      [accountId, listingId, s.status ?? null, s.reason ?? null, s.rejectedBy ?? null, s.product === undefined ? null : JSON.stringify(s.product),
       s.contentHash ?? null, s.pushedStock ? JSON.stringify(s.pushedStock) : null, s.active ?? null, s.synced ?? false, s.reason !== undefined,
       JSON.stringify(s.reason ? (s.problems ?? []) : [])],
    );
  }
}
