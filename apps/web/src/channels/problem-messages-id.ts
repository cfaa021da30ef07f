// What TikTok Shop and Lazada would refuse in a listing, by the code the channels app gives each
// problem (apps/channels/src/adapters/problem-codes.ts); {params} come with the problem. A spec
// checks every code there has text here in both languages.
import type { Messages } from '../i18n';

export const channelProblemsId: Messages = {
  'channels.problem.tiktok.attribute_required': 'TikTok Shop mewajibkan "{attribute}" untuk kategori {category}: isi di bagian Atribut kanal pada halaman produk, atau minta kurator menetapkannya di pemetaan kategori.',
  'channels.problem.tiktok.attribute_single_value': 'TikTok Shop hanya menerima satu nilai untuk "{attribute}"; produk ini memberi {count}. Pilih satu.',
  'channels.problem.tiktok.attribute_value_length': 'Nilai "{attribute}" di TikTok Shop paling banyak {max} karakter.',
  'channels.problem.tiktok.attribute_value_unknown': 'TikTok Shop hanya menerima nilai dari daftarnya untuk "{attribute}", dan "{value}" tidak ada di sana. Pilih salah satu di bagian Atribut kanal: {options}.',
  'channels.problem.tiktok.category_id_missing': 'Pemetaan kategori tidak memiliki ID kategori TikTok Shop: minta kurator memperbaikinya.',
  'channels.problem.tiktok.category_unmapped': 'Kategori "{category}" belum dipetakan ke kategori TikTok Shop: minta kurator memetakannya.',
  'channels.problem.tiktok.description_length': 'Deskripsi untuk TikTok Shop paling banyak sekitar {max} karakter; deskripsi ini {length} karakter.',
  'channels.problem.tiktok.description_required': 'TikTok Shop memerlukan deskripsi: tulis beberapa kalimat tentang karya ini.',
  'channels.problem.tiktok.dimensions_required': 'TikTok Shop memerlukan panjang, lebar, dan tinggi paket dalam sentimeter.',
  'channels.problem.tiktok.options_duplicate': 'Dua varian memiliki pilihan yang sama ({options}); TikTok Shop memerlukan pilihan yang berbeda.',
  'channels.problem.tiktok.options_required': 'Dengan beberapa varian, TikTok Shop memerlukan setiap varian menyebut pilihannya (warna, ukuran…); {sku} tidak punya.',
  'channels.problem.tiktok.photos_required': 'TikTok Shop memerlukan setidaknya {min} foto: tambahkan foto karya ini.',
  'channels.problem.tiktok.price_range': 'TikTok Shop menerima harga {min} sampai {max}; {sku} berharga {price}.',
  'channels.problem.tiktok.sales_attribute_count': 'TikTok Shop menerima paling banyak {max} jenis pilihan varian; produk ini punya {count}.',
  'channels.problem.tiktok.sales_attribute_missing': 'TikTok Shop memerlukan setiap varian menyebut pilihan yang sama; {sku} tidak punya {options}.',
  'channels.problem.tiktok.sales_attribute_name_length': 'Nama pilihan varian di TikTok Shop paling banyak {max} karakter; "{name}" {length} karakter.',
  'channels.problem.tiktok.sales_attribute_value_length': 'Nilai pilihan varian di TikTok Shop paling banyak {max} karakter; "{value}" pada {sku} {length} karakter.',
  'channels.problem.tiktok.sales_attribute_value_unknown': 'TikTok Shop hanya menerima nilai dari daftarnya untuk "{attribute}", dan "{value}" pada {sku} tidak ada di sana.',
  'channels.problem.tiktok.sku_duplicate': 'SKU "{sku}" dipakai dua kali di produk ini; setiap varian perlu SKU sendiri.',
  'channels.problem.tiktok.sku_length': 'TikTok Shop menerima SKU 1–{max} karakter di sini; "{sku}" {length} karakter.',
  'channels.problem.tiktok.sku_spaces': 'TikTok Shop tidak menerima spasi dalam SKU: ubah "{sku}".',
  'channels.problem.tiktok.stock_range': 'TikTok Shop menerima stok {min} sampai {max} per SKU; {sku} berstok {stock}.',
  'channels.problem.tiktok.title_chinese': 'TikTok Shop tidak menerima aksara Tionghoa dalam judul.',
  'channels.problem.tiktok.title_length': 'TikTok Shop memerlukan judul {min}–{max} karakter; judul ini {length} karakter.',
  'channels.problem.tiktok.variants_required': 'TikTok Shop memerlukan setidaknya {min} varian dengan SKU, harga, dan stok.',
  'channels.problem.tiktok.variants_too_many': 'TikTok Shop menerima paling banyak {max} varian per produk; produk ini punya {count}.',
  'channels.problem.tiktok.weight_required': 'TikTok Shop memerlukan berat paket: isi beratnya dalam gram.',
};
