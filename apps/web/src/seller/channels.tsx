import { useState } from 'react';
import { api } from '../api';
import { formatDateTime } from '../format';
import { useI18n } from '../i18n';
import { Button } from '../ui/button';
import { toast } from '../ui/toast';
import { LoadState, SellerPage, StatusBadge } from './layout';
import { ChannelListing, explain, useLoad } from './seller-api';

const CHANNEL_NAMES = { tiktok_shop: 'TikTok Shop (Tokopedia)', lazada: 'Lazada' } as const;

/** Each listing on TikTok Shop and Lazada: synced, in review, rejected (why) or failed (why). */
export function ChannelsPage() {
  const { t, lang } = useI18n();
  const listings = useLoad((signal) => api<{ items: ChannelListing[] }>('/channels/listings', { signal }), []);
  const [busy, setBusy] = useState(false);
  async function syncNow() {
    setBusy(true);
    try {
      const { runs } = await api<{ runs: unknown[] }>('/channels/sync', { method: 'POST', body: {} });
      toast(t('seller.channels.syncing', { count: runs.length }));
    } catch (e) {
      toast(explain(e), 'error', 8000);
    } finally {
      setBusy(false);
    }
  }
  return (
    <SellerPage title={t('seller.channels.title')}>
      <p>{t('seller.channels.intro')}</p>
      <div className="row">
        <Button variant="secondary" busy={busy} onClick={() => void syncNow()}>{t('seller.channels.sync')}</Button>
        <Button variant="link" onClick={listings.reload}>{t('seller.channels.refresh')}</Button>
      </div>
      <LoadState state={listings} isEmpty={(d) => d.items.length === 0} empty={t('seller.channels.empty')}>
        {(d) => (
          <ul className="seller-list">
            {d.items.map((l) => (
              <li key={l.listingId} className="card seller-card">
                <h2 className="card-title">{l.title || l.listingId}</h2>
                {l.channels.length === 0 ? (
                  <p className="muted">{t('seller.channels.notYet')}</p>
                ) : (
                  <ul className="plain stack">
                    {l.channels.map((c) => (
                      <li key={c.channel}>
                        <strong>{CHANNEL_NAMES[c.channel]}</strong> <StatusBadge kind="channel" status={c.status} />
                        {c.reason && <p className="seller-rejection">{t('seller.channels.reason', { reason: c.reason })}</p>}
                        {c.lastSyncedAt && <p className="muted small">{t('seller.channels.synced', { when: formatDateTime(c.lastSyncedAt, lang) })}</p>}
                      </li>
                    ))}
                  </ul>
                )}
              </li>
            ))}
          </ul>
        )}
      </LoadState>
    </SellerPage>
  );
}
