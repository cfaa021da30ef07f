import { useState } from 'react';
import { Link } from 'wouter';
import { api } from '../api';
import { AccountFacts, AccountState, ConnectButtons, ConnectResult, ReconnectNotice } from '../channels/accounts';
import { CHANNEL_SHORT, ChannelAccountView, channelName } from '../channels/channel-api';
import { problemText } from '../channels/problems';
import { formatDateTime } from '../format';
import { useI18n } from '../i18n';
import { Button } from '../ui/button';
import { Dialog } from '../ui/dialog';
import { toast } from '../ui/toast';
import { LoadState, SellerPage, StatusBadge } from './layout';
import { ChannelListing, explain, useLoad } from './seller-api';

/** Asks before disconnecting: the listings stop going to the channel. */
function DisconnectButton({ account, onDone }: { account: ChannelAccountView; onDone: () => void }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const name = channelName(account.channel);
  async function disconnect() {
    setBusy(true);
    try {
      await api(`/channels/accounts/${account.id}`, { method: 'DELETE' });
      setOpen(false);
      toast(t('channels.disconnect.done', { channel: name }));
      onDone();
    } catch (e) {
      toast(explain(e), 'error', 8000);
    } finally {
      setBusy(false);
    }
  }
  return (
    <>
      <Button variant="secondary" onClick={() => setOpen(true)} aria-label={t('channels.disconnect.named', { channel: name })}>{t('channels.disconnect.button')}</Button>
      <Dialog open={open} title={t('channels.disconnect.title', { channel: name })} onClose={() => setOpen(false)}>
        <p>{t('channels.disconnect.body', { channel: name })}</p>
        <div className="row">
          <Button variant="danger" busy={busy} onClick={() => void disconnect()}>{t('channels.disconnect.confirm')}</Button>
          <Button variant="secondary" onClick={() => setOpen(false)}>{t('common.cancel')}</Button>
        </div>
      </Dialog>
    </>
  );
}

/** The shop's own accounts on TikTok Shop and Lazada: connect, reconnect, disconnect. */
function ShopAccounts() {
  const { t } = useI18n();
  const accounts = useLoad((signal) => api<{ items: ChannelAccountView[] }>('/channels/accounts', { signal }), []);
  return (
    <section aria-labelledby="seller-ch-accounts" className="stack seller-channel-accounts">
      <h2 id="seller-ch-accounts">{t('channels.accounts.title')}</h2>
      <ConnectResult onConnected={accounts.reload} />
      <p>{t('channels.connect.introShop')}</p>
      <LoadState state={accounts}>
        {(d) => (
          <>
            <ConnectButtons scope="shop" connected={d.items.filter((a) => a.status === 'active').map((a) => a.channel)} explain={explain} />
            {d.items.length === 0 ? (
              <p className="muted">{t('channels.accounts.empty')}</p>
            ) : (
              <ul className="seller-list">
                {d.items.map((a) => (
                  <li key={a.id} className="card seller-card channels-account">
                    <h3 className="card-title">{channelName(a.channel)} <AccountState account={a} /></h3>
                    <AccountFacts account={a} />
                    <ReconnectNotice account={a} canReconnect explain={explain} />
                    {a.status === 'active'
                      ? <div className="row"><DisconnectButton account={a} onDone={accounts.reload} /></div>
                      : <p className="muted small">{t('channels.account.disconnected', { channel: CHANNEL_SHORT[a.channel] })}</p>}
                  </li>
                ))}
              </ul>
            )}
          </>
        )}
      </LoadState>
    </section>
  );
}

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
      <ShopAccounts />
      <section aria-labelledby="seller-ch-listings" className="stack">
        <h2 id="seller-ch-listings">{t('seller.channels.listings')}</h2>
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
                  <h3 className="card-title"><Link href={`/listings/${l.listingId}`}>{l.title || l.listingId}</Link></h3>
                  {l.channels.length === 0 ? (
                    <p className="muted">{t('seller.channels.notYet')}</p>
                  ) : (
                    <ul className="plain stack">
                      {l.channels.map((c) => (
                        <li key={c.channel}>
                          <strong>{channelName(c.channel)}</strong> <StatusBadge kind="channel" status={c.status} />
                          {c.problems && c.problems.length > 0 ? (
                            <>
                              <ul className="seller-rejection seller-problems">
                                {c.problems.map((p, i) => <li key={`${p.field}-${i}`}>{problemText(p, lang)}</li>)}
                              </ul>
                              {c.problems.some((p) => p.field.startsWith('attributes')) && (
                                <Link className="seller-link" href={`/listings/${l.listingId}`}>{t('seller.channels.fillAttributes', { title: l.title })}</Link>
                              )}
                            </>
                          ) : (
                            c.reason && <p className="seller-rejection">{t('seller.channels.reason', { reason: c.reason })}</p>
                          )}
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
      </section>
    </SellerPage>
  );
}
