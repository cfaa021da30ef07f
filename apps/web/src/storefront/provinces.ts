import { api, ApiError } from '../api';

// Indonesia's 38 provinces, as the orders app accepts them. The API has no list route yet
// (GET /shipping/provinces is asked for); until it answers, this copy stands in.
const FALLBACK = 'Aceh|Sumatera Utara|Sumatera Barat|Riau|Kepulauan Riau|Jambi|Sumatera Selatan|Kepulauan Bangka Belitung|Bengkulu|Lampung|DKI Jakarta|Jawa Barat|Banten|Jawa Tengah|DI Yogyakarta|Jawa Timur|Bali|Nusa Tenggara Barat|Nusa Tenggara Timur|Kalimantan Barat|Kalimantan Tengah|Kalimantan Selatan|Kalimantan Timur|Kalimantan Utara|Sulawesi Utara|Gorontalo|Sulawesi Tengah|Sulawesi Barat|Sulawesi Selatan|Sulawesi Tenggara|Maluku|Maluku Utara|Papua|Papua Barat|Papua Barat Daya|Papua Selatan|Papua Tengah|Papua Pegunungan'.split('|');

export async function loadProvinces(signal?: AbortSignal): Promise<string[]> {
  try {
    const res = await api<string[] | { provinces: string[] }>('/shipping/provinces', { signal });
    const list = Array.isArray(res) ? res : res.provinces;
    return list.length ? list : FALLBACK;
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return FALLBACK;
    throw error;
  }
}
