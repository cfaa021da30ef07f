// The listing form's values as typed (strings), and the API bodies made from them.
import { Listing, Variant } from './seller-api';

export interface OptionPair { name: string; value: string }
export interface VariantValues { id?: string; sku: string; options: OptionPair[]; price: string; stock: string }
export interface ListingValues {
  titleId: string;
  titleEn: string;
  descriptionId: string;
  descriptionEn: string;
  category: string;
  regency: string;
  materials: string;
  techniques: string;
  length: string;
  width: string;
  height: string;
  weightGrams: string;
  /** The parcel as shipped (optional, all three or none). */
  packageLength: string;
  packageWidth: string;
  packageHeight: string;
  handmade: boolean;
  leadTimeDays: string;
  variants: VariantValues[];
}

export const newVariant = (): VariantValues => ({ sku: '', options: [{ name: '', value: '' }], price: '', stock: '' });

export const emptyListing = (regency = ''): ListingValues => ({
  titleId: '', titleEn: '', descriptionId: '', descriptionEn: '', category: '', regency, materials: '', techniques: '',
  length: '', width: '', height: '', weightGrams: '', packageLength: '', packageWidth: '', packageHeight: '', handmade: true, leadTimeDays: '', variants: [newVariant()],
});

export function variantValues(v: Variant): VariantValues {
  const options = Object.entries(v.options).map(([name, value]) => ({ name, value }));
  return { id: v.id, sku: v.sku, options: options.length ? options : [{ name: '', value: '' }], price: v.price, stock: String(v.stock) };
}

export function listingValues(l: Listing): ListingValues {
  return {
    titleId: l.title.id, titleEn: l.title.en ?? '', descriptionId: l.description.id, descriptionEn: l.description.en ?? '',
    category: l.category.slug, regency: l.regency, materials: l.materials.join(', '), techniques: l.techniques.join(', '),
    length: String(l.dimensionsCm.length), width: String(l.dimensionsCm.width), height: String(l.dimensionsCm.height),
    weightGrams: String(l.weightGrams),
    packageLength: l.packageCm ? String(l.packageCm.length) : '', packageWidth: l.packageCm ? String(l.packageCm.width) : '',
    packageHeight: l.packageCm ? String(l.packageCm.height) : '',
    handmade: l.handmade, leadTimeDays: l.leadTimeDays === null ? '' : String(l.leadTimeDays),
    variants: l.variants.map(variantValues),
  };
}

const words = (s: string) => s.split(',').map((w) => w.trim()).filter(Boolean);
/** A number as typed; text the API will name as wrong stays text, so the error names the field. */
const num = (s: string): number | string => (s.trim() !== '' && !Number.isNaN(Number(s.replace(',', '.'))) ? Number(s.replace(',', '.')) : s);
/** Rupiah as people type it ("150.000", "Rp 150000") → digits. */
export const rupiahDigits = (s: string): string => s.replace(/^\s*Rp\s*/i, '').replace(/[.\s]/g, '');

export function variantBody(v: VariantValues): Record<string, unknown> {
  const options: Record<string, string> = {};
  for (const o of v.options) if (o.name.trim() && o.value.trim()) options[o.name.trim()] = o.value.trim();
  return { sku: v.sku.trim(), options, price: rupiahDigits(v.price), stock: num(v.stock) };
}

const PACKAGE_FIELDS = [['packageLength', 'length'], ['packageWidth', 'width'], ['packageHeight', 'height']] as const;
const hasPackage = (v: ListingValues) => PACKAGE_FIELDS.some(([k]) => v[k].trim() !== '');

/** The listing's own fields (PATCH body); `create` adds the variants. */
export function listingFields(v: ListingValues): Record<string, unknown> {
  return {
    title: { id: v.titleId, en: v.titleEn.trim() || null },
    description: { id: v.descriptionId, en: v.descriptionEn.trim() || null },
    category: v.category,
    regency: v.regency,
    materials: words(v.materials),
    techniques: words(v.techniques),
    dimensionsCm: { length: num(v.length), width: num(v.width), height: num(v.height) },
    weightGrams: num(v.weightGrams),
    // Three blanks: no package size (null clears one saved before).
    packageCm: hasPackage(v) ? { length: num(v.packageLength), width: num(v.packageWidth), height: num(v.packageHeight) } : null,
    handmade: v.handmade,
    leadTimeDays: v.leadTimeDays.trim() ? num(v.leadTimeDays) : null,
  };
}

export const createBody = (v: ListingValues) => ({ ...listingFields(v), variants: v.variants.map(variantBody) });

/** True when the variant differs from what the server has. */
export function variantChanged(v: VariantValues, saved: Variant | undefined): boolean {
  if (!saved) return true;
  return JSON.stringify(variantBody(v)) !== JSON.stringify(variantBody(variantValues(saved)));
}

/**
 * What can be told before sending: prices and stock as whole numbers (the server's message for
 * "12,5" is a bare "Invalid input"). Keys are the API's field paths; values are message keys.
 */
export function localProblems(v: ListingValues): Record<string, string> {
  const out: Record<string, string> = {};
  v.variants.forEach((x, i) => {
    if (!/^\d+$/.test(rupiahDigits(x.price))) out[`variants.${i}.price`] = 'seller.variant.priceInvalid';
    if (!/^\d+$/.test(x.stock.trim())) out[`variants.${i}.stock`] = 'seller.variant.stockInvalid';
  });
  if (hasPackage(v)) for (const [k, field] of PACKAGE_FIELDS) if (v[k].trim() === '') out[`packageCm.${field}`] = 'seller.listing.packageAllOrNone';
  return out;
}
