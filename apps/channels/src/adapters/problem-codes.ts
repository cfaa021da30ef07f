// The text of each ValidationProblem code, Indonesian first, with {param} placeholders filled from
// the problem's `params`. Kept sorted by prefix (channel), then by code; append, do not reorder.

export const PROBLEM_CODES: Record<string, { id: string; en: string }> = {
  // --- Any channel: failures by kind (channel-errors.ts problemsOf), {detail} is the channel's own words ---
  'channel.audit_rejected': {
    id: '{channel} menolak produk ini saat peninjauan: {detail}. Perbaiki sesuai alasan itu; produk dikirim ulang pada sinkronisasi berikutnya.',
    en: '{channel} refused this product in its review: {detail}. Fix what it names; the product is sent again at the next sync.',
  },
  'channel.bad_app_key': {
    id: '{channel} tidak mengenali kunci aplikasi Pasar Kriya. Dewan sedang menanganinya; produk Anda dikirim setelah itu.',
    en: "{channel} does not know Pasar Kriya's app key. The council is on it; your product goes out after that.",
  },
  'channel.bad_category': {
    id: '{channel} menolak kategori produk ini ({detail}). Minta kurator memetakan kategori ke kategori akhir {channel}.',
    en: "{channel} refused this product's category ({detail}). Ask a curator to map the category to a {channel} leaf category.",
  },
  'channel.bad_signature': {
    id: '{channel} menolak tanda tangan permintaan. Dewan sedang menanganinya; produk Anda dikirim setelah itu.',
    en: '{channel} refused the request signature. The council is on it; your product goes out after that.',
  },
  'channel.bad_timestamp': {
    id: '{channel} menolak waktu permintaan (jam server). Dewan sedang menanganinya; produk Anda dikirim setelah itu.',
    en: '{channel} refused the request time (the server clock). The council is on it; your product goes out after that.',
  },
  'channel.duplicate_sku': {
    id: '{channel} sudah punya produk dengan SKU ini ({detail}). Beri varian SKU sendiri, atau hapus produk lama di {channel}.',
    en: '{channel} already holds a product with this SKU ({detail}). Give the variant a SKU of its own, or remove the old product on {channel}.',
  },
  'channel.expired_token': {
    id: 'Akses ke akun {channel} Anda kedaluwarsa. Hubungkan ulang akun di halaman Kanal.',
    en: 'Access to your {channel} account has expired. Connect the account again on the Channels page.',
  },
  'channel.invalid_field': {
    id: '{channel} menolak sebuah nilai produk ini: {detail}. Perbaiki di halaman produk atau Atribut kanal.',
    en: '{channel} refused a value of this product: {detail}. Fix it on the listing page or in its channel attributes.',
  },
  'channel.invalid_image': {
    id: '{channel} menolak sebuah foto: {detail}. Unggah foto lain (JPG atau PNG yang jelas, sisi terpendek minimal 300 px).',
    en: '{channel} refused a photo: {detail}. Upload another (a clear JPG or PNG, at least 300 px on its shortest side).',
  },
  'channel.invalid_listing': {
    id: '{channel} tidak akan menerima produk ini: {detail}.',
    en: '{channel} would not take this product: {detail}.',
  },
  'channel.invalid_token': {
    id: '{channel} tidak lagi menerima akses akun Anda. Hubungkan ulang akun di halaman Kanal.',
    en: '{channel} no longer accepts access to your account. Connect the account again on the Channels page.',
  },
  'channel.missing_field': {
    id: '{channel} memerlukan data yang belum ada: {detail}. Lengkapi di halaman produk atau Atribut kanal.',
    en: '{channel} needs information the product does not have yet: {detail}. Add it on the listing page or in its channel attributes.',
  },
  'channel.not_found': {
    id: 'Produk ini tidak ada lagi di {channel}; produk dibuat ulang pada sinkronisasi berikutnya.',
    en: 'This product is no longer on {channel}; it is created again at the next sync.',
  },
  'channel.platform_not_live': {
    id: 'Produk ini dijual di {live}, tetapi tidak di {platform}: {detail}. Perbaiki sesuai alasan itu; produk diperiksa lagi pada sinkronisasi berikutnya.',
    en: 'This product is on sale on {live} but not on {platform}: {detail}. Fix what it names; it is checked again at the next sync.',
  },
  'channel.sold_out_hidden': {
    id: 'Stok habis ({skus}): produk disembunyikan di {channel}, yang tidak menerima stok 0, sampai setiap varian punya stok lagi. Produk tampil kembali sendiri setelah stok ditambah.',
    en: 'Sold out ({skus}): hidden on {channel}, which takes no stock of 0, until every variant has stock again. It comes back by itself once you add stock.',
  },
  'channel.throttled': {
    id: '{channel} sedang membatasi jumlah permintaan; pengiriman dicoba lagi otomatis.',
    en: '{channel} is limiting requests for now; the export tries again by itself.',
  },
  'channel.unavailable': {
    id: '{channel} sedang tidak dapat dihubungi; pengiriman dicoba lagi otomatis.',
    en: '{channel} cannot be reached right now; the export tries again by itself.',
  },
  'channel.unknown': {
    id: '{channel} menolak produk ini tanpa alasan yang kami kenal ({detail}). Dewan dapat membantu.',
    en: '{channel} refused this product for a reason we do not know ({detail}). The council can help.',
  },
  // --- Lazada (apps/channels/src/adapters/lazada) ---
  'lazada.attribute_missing': {
    id: 'Lazada mewajibkan "{attribute}" untuk kategori {category}: lengkapi datanya atau minta kurator mengisi nilai di pemetaan kategori.',
    en: 'Lazada requires "{attribute}" for category {category}: fill it in, or ask a curator to set a value in the category mapping.',
  },
  'lazada.attribute_not_an_option': {
    id: 'Lazada hanya menerima nilai dari daftarnya untuk "{attribute}" ({options}); "{value}" tidak ada di sana. Pilih salah satu nilai Lazada.',
    en: 'Lazada takes only its own values for "{attribute}" ({options}); "{value}" is not one of them. Choose one of Lazada\'s values.',
  },
  'lazada.brand_required': {
    id: 'Lazada memerlukan merek untuk kategori {category} dan tidak menerima "No Brand" di sana: minta kurator mengisi merek di pemetaan kategori.',
    en: 'Lazada needs a brand for category {category} and does not take "No Brand" there: ask a curator to set the brand in the category mapping.',
  },
  'lazada.category_id_missing': {
    id: 'Pemetaan kategori tidak memiliki ID kategori Lazada: minta kurator memperbaikinya.',
    en: 'The category mapping has no Lazada category id: ask a curator to fix it.',
  },
  'lazada.category_unmapped': {
    id: 'Kategori "{category}" belum dipetakan ke kategori Lazada: minta kurator memetakannya.',
    en: 'The category "{category}" is not mapped to a Lazada category yet: ask a curator to map it.',
  },
  'lazada.description_too_long': {
    id: 'Deskripsi untuk Lazada paling banyak sekitar {max} karakter; deskripsi ini {length} karakter.',
    en: 'Lazada takes descriptions up to about {max} characters; this one has {length}.',
  },
  'lazada.dimensions_missing': {
    id: 'Lazada memerlukan panjang, lebar, dan tinggi paket dalam sentimeter.',
    en: 'Lazada needs the package length, width and height in centimetres.',
  },
  'lazada.dimensions_too_large': {
    id: 'Lazada menerima paket dengan jumlah panjang, lebar, dan tinggi paling banyak {max} cm; paket ini {sum} cm.',
    en: 'Lazada takes packages whose length, width and height add up to {max} cm at most; this one adds up to {sum} cm.',
  },
  'lazada.options_missing': {
    id: 'Dengan beberapa varian, Lazada memerlukan setiap varian menyebut pilihannya (warna, ukuran…); {sku} tidak punya.',
    en: 'With several variants, Lazada needs each to name its option (colour, size…); {sku} has none.',
  },
  'lazada.options_repeated': {
    id: 'Dua varian memiliki pilihan yang sama ({options}); Lazada memerlukan pilihan yang berbeda.',
    en: 'Two variants have the same options ({options}); Lazada needs them to differ.',
  },
  'lazada.package_size_needed': {
    id: 'Lazada menerima paket dengan jumlah panjang, lebar, dan tinggi paling banyak {max} cm; ukuran karya ini {sum} cm. Isi ukuran paket: paket saat dikirim, mis. kain dilipat.',
    en: 'Lazada takes packages whose length, width and height add up to {max} cm at most; the piece itself adds up to {sum} cm. Enter the package size: the parcel as shipped, e.g. the cloth folded.',
  },
  'lazada.photos_missing': {
    id: 'Lazada memerlukan setidaknya satu foto: tambahkan foto karya ini.',
    en: 'Lazada needs at least one photo: add a photo of the piece.',
  },
  'lazada.price_invalid': {
    id: 'Lazada memerlukan harga di atas nol dalam rupiah utuh; {sku} berharga {price}.',
    en: 'Lazada needs a price above zero, in whole rupiah; {sku} costs {price}.',
  },
  'lazada.sale_prop_unmapped': {
    id: 'Lazada hanya menerima varian menurut atribut varian kategorinya, dan pilihan "{option}" ({sku}) belum dipetakan: minta kurator memetakan "{option}" ke atribut varian Lazada (warna, ukuran…).',
    en: 'Lazada takes variants only by the category\'s own variant attributes, and the option "{option}" ({sku}) is not mapped: ask a curator to map "{option}" to a Lazada variant attribute (colour, size…).',
  },
  'lazada.sale_value_not_an_option': {
    id: 'Lazada hanya menerima nilai dari daftarnya untuk "{attribute}" ({options}); {sku} memakai "{value}". Ganti pilihannya dengan salah satu nilai itu.',
    en: 'Lazada takes only its own values for "{attribute}" ({options}); {sku} has "{value}". Rename the option to one of them.',
  },
  'lazada.sku_missing': {
    id: 'Lazada memerlukan SKU untuk setiap varian (varian ke-{index} tidak punya).',
    en: 'Lazada needs a SKU for every variant (variant {index} has none).',
  },
  'lazada.sku_repeated': {
    id: 'SKU "{sku}" dipakai dua kali di produk ini; setiap varian memerlukan SKU sendiri.',
    en: 'The SKU "{sku}" is used twice in this listing; each variant needs its own.',
  },
  'lazada.special_characters': {
    id: 'Lazada tidak menerima karakter {characters}, dan "{value}" memuatnya: hapus karakter itu.',
    en: 'Lazada does not take the characters {characters}, and "{value}" has them: remove them.',
  },
  'lazada.stock_invalid': {
    id: 'Lazada memerlukan stok nol atau lebih; {sku} berstok {stock}.',
    en: 'Lazada needs a stock of zero or more; {sku} has {stock}.',
  },
  'lazada.title_missing': {
    id: 'Lazada memerlukan nama produk.',
    en: 'Lazada needs a product name.',
  },
  'lazada.title_too_long': {
    id: 'Lazada menerima nama produk paling banyak {max} byte; nama ini {length} byte. Persingkat.',
    en: 'Lazada takes names up to {max} bytes; this one has {length}. Shorten it.',
  },
  'lazada.too_many_variants': {
    id: 'Lazada menerima paling banyak {max} varian dalam satu produk; produk ini punya {count}.',
    en: 'Lazada takes at most {max} variants in one product; this listing has {count}.',
  },
  'lazada.variants_missing': {
    id: 'Lazada memerlukan setidaknya satu varian dengan SKU, harga, dan stok.',
    en: 'Lazada needs at least one variant with a SKU, price and stock.',
  },
  'lazada.weight_missing': {
    id: 'Lazada memerlukan berat paket: isi beratnya dalam gram.',
    en: 'Lazada needs the package weight: enter the weight in grams.',
  },
  'lazada.weight_too_heavy': {
    id: 'Lazada menerima paket paling berat {max} kg; paket ini {kg} kg.',
    en: 'Lazada takes packages up to {max} kg; this one weighs {kg} kg.',
  },
  // --- TikTok Shop (apps/channels/src/adapters/tiktok-shop) ---
  'tiktok.attribute_required': {
    id: 'TikTok Shop mewajibkan "{attribute}" untuk kategori {category}: lengkapi datanya atau minta kurator mengisi nilai di pemetaan kategori.',
    en: 'TikTok Shop requires "{attribute}" for category {category}: fill it in, or ask a curator to set a value in the category mapping.',
  },
  'tiktok.attribute_single_value': {
    id: 'TikTok Shop hanya menerima satu nilai untuk "{attribute}"; produk ini memberi {count}. Pilih satu.',
    en: 'TikTok Shop takes one value for "{attribute}"; this listing gives {count}. Keep one.',
  },
  'tiktok.attribute_value_length': {
    id: 'Nilai "{attribute}" di TikTok Shop paling banyak {max} karakter.',
    en: 'TikTok Shop takes values of "{attribute}" up to {max} characters.',
  },
  'tiktok.attribute_value_unknown': {
    id: 'TikTok Shop hanya menerima nilai dari daftarnya untuk "{attribute}", dan "{value}" tidak ada di sana. Pilih salah satu: {options}.',
    en: 'TikTok Shop takes only its own values for "{attribute}" and "{value}" is not one of them. Choose one of: {options}.',
  },
  'tiktok.category_id_missing': {
    id: 'Pemetaan kategori tidak memiliki ID kategori TikTok Shop: minta kurator memperbaikinya.',
    en: 'The category mapping has no TikTok Shop category id: ask a curator to fix it.',
  },
  'tiktok.category_unmapped': {
    id: 'Kategori "{category}" belum dipetakan ke kategori TikTok Shop: minta kurator memetakannya.',
    en: 'The category "{category}" is not mapped to a TikTok Shop category yet: ask a curator to map it.',
  },
  'tiktok.description_format': {
    id: 'TikTok Shop tidak menerima deskripsi yang memuat kode HTML seperti &nbsp;, emoji, karakter kontrol, hanya simbol, atau satu karakter lebih dari 9 kali berturut-turut: ubah deskripsinya.',
    en: 'TikTok Shop does not take a description with HTML escapes such as &nbsp;, emojis, control characters, symbols only, or one character more than 9 times in a row: change the description.',
  },
  'tiktok.description_length': {
    id: 'Deskripsi untuk TikTok Shop paling banyak sekitar {max} karakter; deskripsi ini {length} karakter.',
    en: 'TikTok Shop takes descriptions up to about {max} characters; this one has {length}.',
  },
  'tiktok.description_required': {
    id: 'TikTok Shop memerlukan deskripsi: tulis beberapa kalimat tentang karya ini.',
    en: 'TikTok Shop needs a description: write a few sentences about the piece.',
  },
  'tiktok.dimensions_required': {
    id: 'TikTok Shop memerlukan panjang, lebar, dan tinggi paket dalam sentimeter.',
    en: 'TikTok Shop needs the package length, width and height in centimetres.',
  },
  'tiktok.options_duplicate': {
    id: 'Dua varian memiliki pilihan yang sama ({options}); TikTok Shop memerlukan pilihan yang berbeda.',
    en: 'Two variants have the same options ({options}); TikTok Shop needs them to differ.',
  },
  'tiktok.options_required': {
    id: 'Dengan beberapa varian, TikTok Shop memerlukan setiap varian menyebut pilihannya (warna, ukuran…); {sku} tidak punya.',
    en: 'With several variants, TikTok Shop needs each to name its option (colour, size…); {sku} has none.',
  },
  'tiktok.photos_required': {
    id: 'TikTok Shop memerlukan setidaknya {min} foto: tambahkan foto karya ini.',
    en: 'TikTok Shop needs at least {min} photo: add a photo of the piece.',
  },
  'tiktok.price_range': {
    id: 'TikTok Shop menerima harga Rp {min} sampai Rp {max}; {sku} berharga {price}.',
    en: 'TikTok Shop takes prices from Rp {min} to Rp {max}; {sku} costs {price}.',
  },
  'tiktok.sales_attribute_count': {
    id: 'TikTok Shop menerima paling banyak {max} jenis pilihan varian; produk ini punya {count}.',
    en: 'TikTok Shop takes at most {max} kinds of variant option; this listing has {count}.',
  },
  'tiktok.sales_attribute_missing': {
    id: 'TikTok Shop memerlukan setiap varian menyebut pilihan yang sama; {sku} tidak punya {options}.',
    en: 'TikTok Shop needs every variant to name the same options; {sku} has no {options}.',
  },
  'tiktok.sales_attribute_name_length': {
    id: 'Nama pilihan varian di TikTok Shop paling banyak {max} karakter; "{name}" {length} karakter.',
    en: 'TikTok Shop takes variant option names up to {max} characters; "{name}" has {length}.',
  },
  'tiktok.sales_attribute_value_length': {
    id: 'Nilai pilihan varian di TikTok Shop paling banyak {max} karakter; "{value}" pada {sku} {length} karakter.',
    en: 'TikTok Shop takes variant option values up to {max} characters; "{value}" of {sku} has {length}.',
  },
  'tiktok.sales_attribute_value_unknown': {
    id: 'TikTok Shop hanya menerima nilai dari daftarnya untuk "{attribute}", dan "{value}" pada {sku} tidak ada di sana.',
    en: 'TikTok Shop takes only its own values for "{attribute}" and "{value}" of {sku} is not one of them.',
  },
  'tiktok.sku_duplicate': {
    id: 'SKU "{sku}" dipakai dua kali di produk ini; setiap varian perlu SKU sendiri.',
    en: 'The SKU "{sku}" is used twice in this listing; each variant needs its own.',
  },
  'tiktok.sku_length': {
    id: 'TikTok Shop menerima SKU 1–{max} karakter di sini; "{sku}" {length} karakter.',
    en: 'TikTok Shop takes SKUs of 1–{max} characters here; "{sku}" has {length}.',
  },
  'tiktok.sku_spaces': {
    id: 'TikTok Shop tidak menerima spasi dalam SKU: ubah "{sku}".',
    en: 'TikTok Shop does not allow spaces in a SKU: change "{sku}".',
  },
  'tiktok.stock_range': {
    id: 'TikTok Shop menerima stok {min} sampai {max} per SKU; {sku} berstok {stock}.',
    en: 'TikTok Shop takes stock from {min} to {max} per SKU; {sku} has {stock}.',
  },
  'tiktok.title_chinese': {
    id: 'TikTok Shop tidak menerima aksara Tionghoa dalam judul.',
    en: 'TikTok Shop does not allow Chinese characters in a title.',
  },
  'tiktok.title_format': {
    id: 'TikTok Shop tidak menerima judul yang memuat kode HTML seperti &nbsp;, emoji, karakter kontrol, hanya simbol, atau satu karakter lebih dari 9 kali berturut-turut: ubah judulnya.',
    en: 'TikTok Shop does not take a title with HTML escapes such as &nbsp;, emojis, control characters, symbols only, or one character more than 9 times in a row: change the title.',
  },
  'tiktok.title_length': {
    id: 'TikTok Shop memerlukan judul {min}–{max} karakter; judul ini {length} karakter.',
    en: 'TikTok Shop needs a title of {min}–{max} characters; this one has {length}.',
  },
  'tiktok.variants_required': {
    id: 'TikTok Shop memerlukan setidaknya {min} varian dengan SKU, harga, dan stok.',
    en: 'TikTok Shop needs at least {min} variant with a SKU, price and stock.',
  },
  'tiktok.variants_too_many': {
    id: 'TikTok Shop menerima paling banyak {max} varian per produk; produk ini punya {count}.',
    en: 'TikTok Shop takes at most {max} variants per product; this listing has {count}.',
  },
  'tiktok.weight_required': {
    id: 'TikTok Shop memerlukan berat paket: isi beratnya dalam gram.',
    en: 'TikTok Shop needs the package weight: enter the weight in grams.',
  },
};

/** A code's text in a language, its {param} placeholders filled. */
export function problemText(code: string, params: Record<string, string | number> = {}, lang: 'id' | 'en' = 'id'): string | null {
  const template = PROBLEM_CODES[code]?.[lang];
  return template ? template.replace(/\{(\w+)\}/g, (whole, key: string) => (params[key] === undefined ? whole : String(params[key]))) : null;
}
