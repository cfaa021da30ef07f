import { useEffect, useState } from 'react';
import { Link, useLocation } from 'wouter';
import { api, ApiError } from '../api';
import { t, useI18n } from '../i18n';
import { Button } from '../ui/button';
import { toast } from '../ui/toast';
import { ChannelAttributes } from './channel-attributes';
import { LoadState, SellerPage, StatusBadge } from './layout';
import { ListingForm } from './listing-form';
import { ListingPhotos } from './listing-photos';
import { createBody, emptyListing, listingFields, listingValues, ListingValues, localProblems, variantBody, variantChanged } from './listing-values';
import { loadMyShop } from './shop-pages';
import { explain, fieldErrors, Listing, useLoad } from './seller-api';

/** Problems found before sending, in the shape the gateway names fields (so the form shows both alike). */
class LocalProblems extends ApiError {
  constructor(problems: Record<string, string>) {
    super(422, 'validation_failed', t('seller.listing.fix'), Object.entries(problems).map(([field, key]) => ({ field, messages: [t(key)] })));
  }
}

function checkLocally(values: ListingValues): void {
  const problems = localProblems(values);
  if (Object.keys(problems).length) throw new LocalProblems(problems);
}

function FormError({ error }: { error: unknown }) {
  if (!error) return null;
  // Field problems are shown under their fields; the top line says where to look.
  const named = Object.keys(fieldErrors(error)).length > 0;
  return <p className="field-error seller-form-error" role="alert">{named ? t('seller.listing.fix') : explain(error)}</p>;
}

export function NewListingPage() {
  const { t } = useI18n();
  const [, navigate] = useLocation();
  const [values, setValues] = useState<ListingValues>(emptyListing());
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  // The shop's regency is the usual origin of its craft.
  useEffect(() => {
    const c = new AbortController();
    loadMyShop(c.signal).then((s) => s && setValues((v) => (v.regency ? v : { ...v, regency: s.regency })), () => undefined);
    return () => c.abort();
  }, []);

  async function create() {
    setBusy(true);
    setError(null);
    try {
      checkLocally(values);
      const listing = await api<Listing>('/listings', { method: 'POST', body: createBody(values) });
      toast(t('seller.listing.created'));
      navigate(`/listings/${listing.id}`);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <SellerPage title={t('seller.listings.new')}>
      <p className="muted">{t('seller.listing.newIntro')}</p>
      <FormError error={error} />
      <ListingForm values={values} onChange={setValues} errors={fieldErrors(error)} busy={busy} submitLabel={t('seller.listing.saveDraft')} onSubmit={() => void create()} />
    </SellerPage>
  );
}

/** Saves the listing's fields, then each variant that changed, was added or removed, one call each. */
async function saveListing(listing: Listing, values: ListingValues): Promise<void> {
  await api(`/listings/${listing.id}`, { method: 'PATCH', body: listingFields(values) });
  const kept = new Set(values.variants.map((v) => v.id).filter(Boolean));
  for (const [i, v] of values.variants.entries()) {
    try {
      if (!v.id) await api(`/listings/${listing.id}/variants`, { method: 'POST', body: variantBody(v) });
      else if (variantChanged(v, listing.variants.find((x) => x.id === v.id))) {
        await api(`/listings/${listing.id}/variants/${v.id}`, { method: 'PATCH', body: variantBody(v) });
      }
    } catch (e) {
      // Name the field as the create call would: variants.<i>.price
      if (e instanceof ApiError && Array.isArray(e.details)) {
        const details = (e.details as Array<{ field: string; messages: string[] }>).map((d) => ({ ...d, field: `variants.${i}.${d.field.replace(/^(variant|patch)\./, '')}` }));
        throw new ApiError(e.status, e.code, e.message, details);
      }
      throw e;
    }
  }
  for (const old of listing.variants) {
    if (!kept.has(old.id)) await api(`/listings/${listing.id}/variants/${old.id}`, { method: 'DELETE' });
  }
}

function Actions({ listing, onChanged }: { listing: Listing; onChanged: () => void }) {
  const { t } = useI18n();
  const [busy, setBusy] = useState<string | null>(null);
  async function act(action: 'submit' | 'archive' | 'restore') {
    setBusy(action);
    try {
      const next = await api<Listing>(`/listings/${listing.id}/${action}`, { method: 'POST' });
      toast(t(`seller.listing.done.${action}`, { status: t(`seller.status.listing.${next.status}`) }));
      onChanged();
    } catch (e) {
      toast(explain(e), 'error', 8000);
    } finally {
      setBusy(null);
    }
  }
  return (
    <div className="row seller-actions">
      {listing.status === 'draft' && (
        <Button busy={busy === 'submit'} onClick={() => void act('submit')} disabled={listing.photos.length === 0}
          aria-describedby={listing.photos.length === 0 ? 'needs-photo' : undefined}>
          {t('seller.listing.submit')}
        </Button>
      )}
      {listing.status === 'draft' && listing.photos.length === 0 && <span id="needs-photo" className="field-hint">{t('seller.listing.needsPhoto')}</span>}
      {listing.status !== 'archived' && <Button variant="secondary" busy={busy === 'archive'} onClick={() => void act('archive')}>{t('seller.listing.archive')}</Button>}
      {listing.status === 'archived' && <Button variant="secondary" busy={busy === 'restore'} onClick={() => void act('restore')}>{t('seller.listing.restore')}</Button>}
    </div>
  );
}

function EditListing({ listing, reload }: { listing: Listing; reload: () => void }) {
  const { t } = useI18n();
  const [values, setValues] = useState<ListingValues>(() => listingValues(listing));
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  // A reload (a photo added, the listing submitted) refreshes the form unless it has unsaved edits.
  const [dirty, setDirty] = useState(false);
  useEffect(() => {
    if (!dirty) setValues(listingValues(listing));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [listing]);
  const edit = (v: ListingValues) => {
    setDirty(true);
    setValues(v);
  };

  async function save() {
    setBusy(true);
    setError(null);
    try {
      checkLocally(values);
      await saveListing(listing, values);
      setDirty(false);
      toast(t('seller.listing.saved'));
      reload();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <p className="row">
        <StatusBadge kind="listing" status={listing.status} />
        {listing.status === 'published' && <Link href={`~/listing/${listing.id}`}>{t('seller.listing.view')}</Link>}
      </p>
      {listing.rejectionReason && <p className="seller-rejection" role="note"><strong>{t('seller.listings.rejected')}</strong> {listing.rejectionReason}</p>}
      <Actions listing={listing} onChanged={reload} />
      <ListingPhotos listing={listing} onChanged={reload} />
      <h2>{t('seller.listing.details')}</h2>
      <FormError error={error} />
      <ListingForm values={values} onChange={edit} errors={fieldErrors(error)} busy={busy} submitLabel={t('seller.listing.save')} onSubmit={() => void save()} />
      <ChannelAttributes listingId={listing.id} published={listing.status === 'published'} />
    </>
  );
}

export function EditListingPage({ id }: { id: string }) {
  const { t } = useI18n();
  const listing = useLoad((signal) => api<Listing>(`/listings/${id}`, { signal }), [id]);
  return (
    <SellerPage title={listing.data ? listing.data.title.id : t('seller.listing.editTitle')}>
      <LoadState state={listing}>{(l) => <EditListing listing={l} reload={listing.reload} />}</LoadState>
    </SellerPage>
  );
}
