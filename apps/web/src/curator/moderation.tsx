import { useState } from 'react';
import { api } from '../api';
import { formatDateTime, formatRupiah } from '../format';
import { localized, useI18n } from '../i18n';
import { Button } from '../ui/button';
import { Dialog } from '../ui/dialog';
import { toast } from '../ui/toast';
import { ListingDetail, Paged, QueuedListing, useLoad } from './curator-api';
import { CuratorPage, LoadState, ReasonDialog, useAction } from './layout';

/** The listing moderation queue: submitted listings, oldest first; preview, approve or reject. */
export function ListingQueuePage() {
  const { t } = useI18n();
  const queue = useLoad((signal) => api<Paged<QueuedListing>>('/curation/listings', { query: { limit: 50 }, signal }), []);
  const [preview, setPreview] = useState<QueuedListing | null>(null);
  return (
    <CuratorPage title={t('curator.listings.title')}>
      <p className="muted">{t('curator.listings.intro')}</p>
      <LoadState state={queue} isEmpty={(q) => q.items.length === 0} empty={t('curator.listings.empty')}>
        {(q) => (
          <>
            <p>{t('curator.listings.count', { count: q.total })}</p>
            <ul className="stack plain" aria-label={t('curator.listings.title')}>
              {q.items.map((item) => (
                <li key={item.id} className="card curator-card">
                  <h2 className="card-title">{item.title}</h2>
                  <p className="muted small">
                    {item.shopName} · {item.category} · {t('curator.listings.submitted', { at: formatDateTime(item.submittedAt) })}
                  </p>
                  <Button variant="secondary" onClick={() => setPreview(item)} aria-label={t('curator.listings.reviewNamed', { title: item.title })}>
                    {t('curator.listings.review')}
                  </Button>
                </li>
              ))}
            </ul>
          </>
        )}
      </LoadState>
      {preview && (
        <ListingReview
          item={preview}
          onClose={() => setPreview(null)}
          onDecided={() => {
            setPreview(null);
            queue.reload();
          }}
        />
      )}
    </CuratorPage>
  );
}

/** The listing as buyers would see it, with the decision buttons. */
function ListingReview({ item, onClose, onDecided }: { item: QueuedListing; onClose: () => void; onDecided: () => void }) {
  const { t, lang } = useI18n();
  const detail = useLoad((signal) => api<ListingDetail>(`/listings/${item.id}`, { signal }), [item.id]);
  const { busy, run } = useAction();
  // The reason dialog opens over this one (native modals stack), so closing it keeps the preview.
  const [rejecting, setRejecting] = useState(false);
  const decide = (decision: 'approve' | 'reject', reason?: string) =>
    api(`/curation/listings/${item.id}/decision`, { method: 'POST', body: { decision, reason } });
  return (
    <>
      <Dialog open title={t('curator.listings.reviewTitle', { title: item.title })} onClose={onClose}>
        <LoadState state={detail}>
          {(l) => (
            <div className="stack curator-preview">
              {l.photos[0] && <img src={l.photos[0].urls.card} alt={l.photos[0].alt} className="curator-photo" />}
              <p className="muted small">{l.artisan.shopName} · {l.category.names.join(' › ')} · {l.regency}</p>
              <h3>{localized(l.title, lang)}</h3>
              {l.title.en && lang === 'id' && <p className="muted small" lang="en">{l.title.en}</p>}
              <p className="prewrap">{localized(l.description, lang)}</p>
              {l.materials.length > 0 && <p><strong>{t('curator.listings.materials')}</strong>: {l.materials.join(', ')}</p>}
              <table className="table">
                <caption className="visually-hidden">{t('curator.listings.variants')}</caption>
                <thead><tr><th>SKU</th><th>{t('curator.listings.price')}</th><th>{t('curator.listings.stock')}</th></tr></thead>
                <tbody>
                  {l.variants.map((v) => (
                    <tr key={v.id}><td className="mono">{v.sku}</td><td>{formatRupiah(v.price)}</td><td>{v.stock}</td></tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </LoadState>
        <div className="row">
          <Button
            busy={busy === 'approve'}
            onClick={() =>
              void run('approve', () => decide('approve'), t('curator.listings.approved', { title: item.title })).then((ok) => ok && onDecided())
            }
          >
            {t('curator.listings.approve')}
          </Button>
          <Button variant="danger" onClick={() => setRejecting(true)}>{t('curator.listings.reject')}</Button>
        </div>
      </Dialog>
      <ReasonDialog
        open={rejecting}
        title={t('curator.listings.rejectTitle', { title: item.title })}
        confirm={t('curator.listings.reject')}
        onClose={() => setRejecting(false)}
        onConfirm={async (reason) => {
          await decide('reject', reason);
          toast(t('curator.listings.rejected', { title: item.title }));
          onDecided();
        }}
      />
    </>
  );
}

/** Takes a published listing off sale, with the reason the artisan will read. */
export function UnpublishButton({ listingId, title, onDone }: { listingId: string; title: string; onDone: () => void }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button variant="danger" onClick={() => setOpen(true)} aria-label={t('curator.listings.unpublishNamed', { title })}>
        {t('curator.listings.unpublish')}
      </Button>
      <ReasonDialog
        open={open}
        title={t('curator.listings.unpublishTitle', { title })}
        confirm={t('curator.listings.unpublish')}
        onClose={() => setOpen(false)}
        onConfirm={async (reason) => {
          await api(`/curation/listings/${listingId}/decision`, { method: 'POST', body: { decision: 'unpublish', reason } });
          toast(t('curator.listings.unpublished', { title }));
          setOpen(false);
          onDone();
        }}
      />
    </>
  );
}
