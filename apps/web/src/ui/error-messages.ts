import { ApiError } from '../api';
import { addMessages, hasMessage, translate, type Lang, type Vars } from '../i18n';

// API error codes a buyer can act on, in their words (the API's own message is English and for
// developers). Anything else falls back to that message.
addMessages({
  id: {
    'error.own_listing': 'Ini kerajinan dari toko Anda sendiri; Anda tidak dapat membelinya.',
    'error.unpaid_orders_limit': 'Anda sudah punya {count} pesanan transfer bank yang belum dibayar (paling banyak {limit}). Bayar atau batalkan pesanan sebelumnya dulu, atau bayar dengan kartu.',
    'error.unpaid_units_limit': 'Lewat transfer bank Anda hanya dapat menahan paling banyak {limit} buah {sku} yang belum dibayar. Bayar atau batalkan pesanan sebelumnya, kurangi jumlahnya, atau bayar dengan kartu.',
    'error.registration_throttled': 'Terlalu banyak akun dibuat dari alamat ini. Coba lagi dalam {minutes} menit.',
  },
  en: {
    'error.own_listing': 'This piece is from your own shop; you cannot buy it.',
    'error.unpaid_orders_limit': 'You already have {count} bank-transfer orders waiting for payment (at most {limit}). Pay or cancel your earlier orders first, or pay by card.',
    'error.unpaid_units_limit': 'By bank transfer you can hold at most {limit} of {sku} unpaid. Pay or cancel your earlier orders, lower the quantity, or pay by card.',
    'error.registration_throttled': 'Too many accounts were created from this address. Try again in {minutes} minute(s).',
  },
});

type Details = Record<string, unknown> | null;

function varsOf(code: string, details: Details): Vars {
  const d = details ?? {};
  switch (code) {
    case 'unpaid_orders_limit':
      return { count: Array.isArray(d.unpaidOrders) ? d.unpaidOrders.length : Number(d.limit ?? 0), limit: Number(d.limit ?? 0) };
    case 'unpaid_units_limit': {
      const [first] = Array.isArray(d.problems) ? (d.problems as Array<{ sku?: string; limit?: number }>) : [];
      return { limit: first?.limit ?? '', sku: first?.sku ?? '' };
    }
    case 'registration_throttled':
      return { minutes: Math.max(1, Math.ceil(Number(d.retryAfterSeconds ?? 60) / 60)) };
    default:
      return {};
  }
}

/** The sentence for a coded API error the web words itself, or null (show the API's message). */
export function knownErrorText(error: unknown, lang?: Lang): string | null {
  if (!(error instanceof ApiError)) return null;
  const key = `error.${error.code}`;
  if (!hasMessage(key)) return null;
  return translate(key, varsOf(error.code, error.details as Details), lang);
}
