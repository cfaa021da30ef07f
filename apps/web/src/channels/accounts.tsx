import './channels.css';
import './messages';
import { useEffect, useRef, useState } from 'react';
import { api } from '../api';
import { formatDateTime } from '../format';
import { useI18n } from '../i18n';
import { Button } from '../ui/button';
import { toast } from '../ui/toast';
import { Channel, CHANNEL_SHORT, ChannelAccountView, ChannelConnectStart, channelName, CHANNELS, CONNECT_ERRORS } from './channel-api';

// Connecting a seller or council account by the channel's own authorization page, and what the
// seller centre and the console both show of an account: who it is on the channel, whether it
// works, its last sync, and a reconnect when the channel stopped accepting it.

type Explain = (error: unknown) => string;

/** Asks the gateway for the channel's authorization link and leaves for it. */
export function useConnect(scope: 'shop' | 'council', explain: Explain) {
  const { t } = useI18n();
  const [busy, setBusy] = useState<Channel | null>(null);
  const connect = async (channel: Channel) => {
    setBusy(channel);
    try {
      const start = await api<ChannelConnectStart>(`/channels/connect/${channel}`, { method: 'POST', body: { scope } });
      toast(t('channels.connect.redirecting', { channel: CHANNEL_SHORT[channel] }));
      window.location.assign(start.url);
    } catch (error) {
      toast(explain(error), 'error', 8000);
      setBusy(null);
    }
  };
  return { busy, connect };
}

/** "Hubungkan TikTok Shop" / "Hubungkan Lazada" for the channels without an account yet. */
export function ConnectButtons({ scope, connected, explain }: { scope: 'shop' | 'council'; connected: Channel[]; explain: Explain }) {
  const { t } = useI18n();
  const { busy, connect } = useConnect(scope, explain);
  const open = CHANNELS.filter((c) => !connected.includes(c));
  if (open.length === 0) return null;
  return (
    <div className="row">
      {open.map((c) => (
        <Button key={c} busy={busy === c} disabled={busy !== null && busy !== c} onClick={() => void connect(c)}>
          {t('channels.connect.button', { channel: CHANNEL_SHORT[c] })}
        </Button>
      ))}
    </div>
  );
}

const sentence = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * The outcome of a connect the channel sent the person back from (?connected= or ?connectError=),
 * as a notice that stays until dismissed; the query is then taken off the address.
 */
export function ConnectResult({ onConnected }: { onConnected?: () => void }) {
  const { t } = useI18n();
  const [result] = useState(() => {
    const q = new URLSearchParams(window.location.search);
    const connected = q.get('connected');
    const error = q.get('connectError');
    return connected || error ? { connected, error, channel: q.get('channel') ?? connected } : null;
  });
  const [shown, setShown] = useState(result !== null);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!result) return;
    const url = new URL(window.location.href);
    for (const k of ['connected', 'connectError', 'channel']) url.searchParams.delete(k);
    window.history.replaceState(window.history.state, '', `${url.pathname}${url.search}${url.hash}`);
    ref.current?.focus();
    if (result.connected && !result.error) onConnected?.();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  if (!result || !shown) return null;
  const name = result.channel ? channelName(result.channel) : t('channels.theChannel');
  const known = (CONNECT_ERRORS as readonly string[]).includes(result.error ?? '');
  const failed = result.error !== null;
  return (
    <div ref={ref} tabIndex={-1} className={`channels-banner ${failed ? 'channels-banner-error' : 'channels-banner-ok'}`} role={failed ? 'alert' : 'status'}>
      {failed ? (
        <p>
          <strong>{sentence(t('channels.connect.failed', { channel: name }))}</strong>{' '}
          {sentence(known ? t(`channels.connect.error.${result.error}`, { channel: name }) : t('channels.connect.error.unknown', { code: result.error ?? '' }))}
        </p>
      ) : (
        <p>{t('channels.connect.ok', { channel: name })}</p>
      )}
      <Button variant="link" onClick={() => setShown(false)} aria-label={t('channels.banner.dismiss')}>×</Button>
    </div>
  );
}

/** The account's state in a word: needs reconnecting, active or disabled. */
export function AccountState({ account }: { account: ChannelAccountView }) {
  const { t } = useI18n();
  const state = account.needsReconnect ? 'reconnect' : account.status;
  return <span className={`status channels-account-${state}`}>{t(`channels.account.status.${state}`)}</span>;
}

/** Who the account is on the channel, and its last sync (in WITA). */
export function AccountFacts({ account }: { account: ChannelAccountView }) {
  const { t, lang } = useI18n();
  return (
    <>
      {account.sellerName && <p className="small">{t('channels.account.seller', { name: account.sellerName })}</p>}
      {account.connectedVia === 'tokens' && <p className="muted small">{t('channels.account.viaTokens')}</p>}
      <p className="small">
        {account.lastRun
          ? t('channels.account.lastRun', { status: t(`channels.run.${account.lastRun.status}`), when: formatDateTime(account.lastRun.finishedAt ?? account.lastRun.createdAt, lang) })
          : t('channels.account.noRun')}
      </p>
    </>
  );
}

/**
 * When the channel no longer takes the account's tokens: why, in the person's words, and the way
 * back (a reconnect for who owns it; the console only says so for an artisan's shop).
 */
export function ReconnectNotice({ account, canReconnect, explain }: { account: ChannelAccountView; canReconnect: boolean; explain: Explain }) {
  const { t } = useI18n();
  const { busy, connect } = useConnect(account.scope, explain);
  if (!account.needsReconnect) return null;
  const name = channelName(account.channel);
  return (
    <div className="channels-reconnect" role="note">
      <p>{t('channels.reconnect.why', { channel: name })}</p>
      {account.reconnectReason && (
        <details className="small">
          <summary>{t('channels.reconnect.detail')}</summary>
          <p lang="en">{account.reconnectReason}</p>
        </details>
      )}
      {canReconnect ? (
        <Button busy={busy === account.channel} onClick={() => void connect(account.channel)} aria-label={t('channels.reconnect.named', { channel: name })}>
          {t('channels.reconnect.button')}
        </Button>
      ) : (
        <p className="small">{t('channels.reconnect.shopOwner')}</p>
      )}
    </div>
  );
}
