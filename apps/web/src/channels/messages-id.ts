import type { Messages } from '../i18n';

// Channel accounts and channel problems, shared by the seller centre and the curator console.
export const channelsId: Messages = {
  'channels.accounts.title': 'Akun kanal',
  'channels.accounts.empty': 'Belum ada akun kanal yang terhubung.',
  'channels.connect.introShop': 'Hubungkan akun penjual Anda di TikTok Shop atau Lazada. Anda akan dibawa ke halaman kanal untuk memberi izin kepada Pasar Kriya, lalu kembali ke sini.',
  'channels.connect.introCouncil': 'Akun Dekranasda menjual produk semua perajin yang belum punya akun sendiri. Menghubungkan membuka halaman izin kanal, lalu kembali ke sini.',
  'channels.connect.button': 'Hubungkan {channel}',
  'channels.connect.redirecting': 'Membuka halaman izin {channel}…',
  'channels.connect.ok': '{channel} terhubung. Produk yang tayang dikirim pada sinkronisasi berikutnya.',
  'channels.connect.failed': 'Menghubungkan {channel} belum berhasil.',
  'channels.connect.error.state_invalid': 'Tautan izin tidak cocok dengan sesi ini (mungkin dibuka di tab atau perangkat lain). Tekan "Hubungkan" lagi dari halaman ini.',
  'channels.connect.error.state_expired': 'Tautan izin sudah kedaluwarsa. Tekan "Hubungkan" lagi dan selesaikan izin dalam beberapa menit.',
  'channels.connect.error.denied': 'Izin tidak diberikan di halaman {channel}. Jika ingin terhubung, tekan "Hubungkan" lagi lalu pilih izinkan.',
  'channels.connect.error.exchange_failed': '{channel} tidak menyelesaikan penghubungan. Coba lagi sebentar lagi; jika tetap gagal, hubungi Dekranasda.',
  'channels.connect.error.channel_unconfigured': 'Pasar Kriya belum disiapkan untuk terhubung ke {channel}. Hubungi Dekranasda.',
  'channels.connect.error.seller_taken': 'Akun penjual {channel} ini sudah terhubung ke toko lain di Pasar Kriya. Masuk dengan akun penjual Anda sendiri di {channel}, atau hubungi Dekranasda.',
  'channels.connect.error.unknown': 'Kanal mengembalikan kode {code}. Coba hubungkan lagi; jika tetap gagal, hubungi Dekranasda.',
  'channels.theChannel': 'kanal',
  'channels.banner.dismiss': 'Tutup pemberitahuan',

  'channels.account.council': 'Akun Dekranasda',
  'channels.account.seller': 'Toko di kanal: {name}',
  'channels.account.viaTokens': 'Dihubungkan kurator dengan token',
  'channels.account.status.active': 'Aktif',
  'channels.account.status.disabled': 'Nonaktif',
  'channels.account.status.reconnect': 'Perlu dihubungkan ulang',
  'channels.account.lastRun': 'Sinkronisasi terakhir: {status}, {when}',
  'channels.account.noRun': 'Belum pernah disinkronkan.',
  'channels.run.queued': 'antre',
  'channels.run.running': 'berjalan',
  'channels.run.succeeded': 'berhasil',
  'channels.run.failed': 'gagal',

  'channels.reconnect.button': 'Hubungkan ulang',
  'channels.reconnect.named': 'Hubungkan ulang {channel}',
  'channels.reconnect.why': '{channel} tidak lagi menerima izin Pasar Kriya, jadi produk tidak dikirim dan stok tidak diperbarui di sana. Hubungkan ulang untuk melanjutkan.',
  'channels.reconnect.shopOwner': 'Perajin pemilik toko perlu menghubungkan ulang dari Pusat Penjual.',
  'channels.reconnect.detail': 'Rincian dari kanal',

  'channels.disconnect.button': 'Putuskan',
  'channels.disconnect.named': 'Putuskan {channel}',
  'channels.disconnect.title': 'Putuskan {channel}?',
  'channels.disconnect.body': 'Produk Anda tidak lagi dikirim ke {channel} dan stoknya tidak diperbarui di sana. Produk yang sudah ada di {channel} tetap ada sampai Anda menghapusnya di sana. Anda bisa menghubungkan lagi kapan saja.',
  'channels.disconnect.confirm': 'Ya, putuskan',
  'channels.disconnect.done': '{channel} diputus.',

};
