// Money and dates the Indonesian way: Rp 150.000 (no decimals), times in WITA (Asia/Makassar).
import { currentLang, Lang } from './i18n';

const rupiahFormat = new Intl.NumberFormat('id-ID', { style: 'currency', currency: 'IDR', maximumFractionDigits: 0, minimumFractionDigits: 0 });

/**
 * `Rp 150.000` for 150000 (integer rupiah as number, bigint or the API's decimal string). The space
 * is Intl's no-break space (U+00A0), so the amount never wraps away from "Rp"; Playwright's text
 * matching treats it as a space.
 */
export function formatRupiah(amount: number | bigint | string): string {
  const value = typeof amount === 'string' ? BigInt(amount) : amount;
  return rupiahFormat.format(value);
}

export const WITA = 'Asia/Makassar';
const locale = (lang: Lang) => (lang === 'id' ? 'id-ID' : 'en-GB');

/** `25 Nov 2026 10.30 WITA`: date and time in Bali's zone, whatever the device's zone. */
export function formatDateTime(iso: string | Date, lang: Lang = currentLang()): string {
  const text = new Intl.DateTimeFormat(locale(lang), { timeZone: WITA, dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
  return `${text} WITA`;
}

/** `25 Nov 2026` in WITA. */
export function formatDate(iso: string | Date, lang: Lang = currentLang()): string {
  return new Intl.DateTimeFormat(locale(lang), { timeZone: WITA, dateStyle: 'medium' }).format(new Date(iso));
}
