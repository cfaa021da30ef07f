import { Injectable, Logger } from '@nestjs/common';
import { PRICE_BANDS, REGENCIES, SearchFacet } from '@pk/contracts';
import { CatalogFeed } from '../indexing/catalog-feed';

interface CategoryNode { slug: string; name: { id: string; en: string }; children: CategoryNode[] }

const TTL_MS = 10 * 60_000;
const BANDS: Record<string, string> = Object.fromEntries(PRICE_BANDS.map((b) => [b.value, b.label]));
const STOCK: Record<string, string> = { true: 'Tersedia', false: 'Stok habis' };

/** How a facet value reads in the storefront (Indonesian): category names come from the catalog. */
@Injectable()
export class FacetLabels {
  private readonly logger = new Logger(FacetLabels.name);
  private categories = new Map<string, string>();
  private loadedAt = 0;
  private loading: Promise<void> | null = null;

  constructor(private readonly catalog: CatalogFeed) {}

  /** Refreshes the category names when stale; a catalog that does not answer leaves the old ones. */
  async ready(): Promise<void> {
    if (Date.now() - this.loadedAt < TTL_MS) return;
    this.loading ??= this.catalog
      .categoryTree<CategoryNode[]>()
      .then((tree) => {
        const names = new Map<string, string>();
        const walk = (nodes: CategoryNode[]) => nodes.forEach((n) => (names.set(n.slug, n.name.id), walk(n.children)));
        walk(tree);
        this.categories = names;
        this.loadedAt = Date.now();
      })
      .catch((error: Error) => this.logger.warn(`category names unavailable: ${error.message}`))
      .finally(() => (this.loading = null));
    // The first search waits for the names; later ones refresh in the background.
    if (this.categories.size === 0) await this.loading;
  }

  label(facet: SearchFacet, value: string): string {
    switch (facet) {
      case 'category': return this.categories.get(value) ?? value;
      case 'regency': return REGENCIES[value as keyof typeof REGENCIES] ?? value;
      case 'priceBand': return BANDS[value] ?? value;
      case 'inStock': return STOCK[value] ?? value;
      default: return value;
    }
  }
}
