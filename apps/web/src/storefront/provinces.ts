import { api, ApiError } from '../api';

// Indonesia's 38 provinces, as the orders app accepts them (GET /shipping/provinces). The copy
// stands in only when the orders app is not there to answer (a 404 or 503).
const FALLBACK = 'Aceh|Sumatera Utara|Sumatera Barat|Riau|Kepulauan Riau|Jambi|Sumatera Selatan|Kepulauan Bangka Belitung|Bengkulu|Lampung|DKI Jakarta|Jawa Barat|Banten|Jawa Tengah|DI Yogyakarta|Jawa Timur|Bali|Nusa Tenggara Barat|Nusa Tenggara Timur|Kalimantan Barat|Kalimantan Tengah|Kalimantan Selatan|Kalimantan Timur|Kalimantan Utara|Sulawesi Utara|Gorontalo|Sulawesi Tengah|Sulawesi Barat|Sulawesi Selatan|Sulawesi Tenggara|Maluku|Maluku Utara|Papua|Papua Barat|Papua Barat Daya|Papua Selatan|Papua Tengah|Papua Pegunungan'.split('|');

export async function loadProvinces(signal?: AbortSignal): Promise<string[]> {
  try {
    const res = await api<string[] | { provinces: string[] }>('/shipping/provinces', { signal });
    const list = Array.isArray(res) ? res : res.provinces;
    return list.length ? list : FALLBACK;
  } catch (error) {
    if (error instanceof ApiError && (error.status === 404 || error.status === 503)) return FALLBACK;
    throw error;
  }
}
