import { FormEvent, useState } from 'react';
import { api } from '../api';
import { useI18n } from '../i18n';
import { Button } from '../ui/button';
import { TextField } from '../ui/fields';
import { toast } from '../ui/toast';
import { PhotoPicker } from './photo-picker';
import { explain, fieldErrors, Listing, upload } from './seller-api';

const MAX_PHOTOS = 9;

/**
 * A listing's photos: each with its alt text, first shown first; a new one is previewed, described
 * (buyers who cannot see it hear the alt text) and uploaded with its progress shown.
 */
export function ListingPhotos({ listing, onChanged }: { listing: Listing; onChanged: () => void }) {
  const { t } = useI18n();
  const [file, setFile] = useState<File | null>(null);
  const [alt, setAlt] = useState('');
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [pickerKey, setPickerKey] = useState(0);
  const [removing, setRemoving] = useState<string | null>(null);

  async function send(e: FormEvent) {
    e.preventDefault();
    if (!file) return setError(new Error(t('seller.photo.pickFirst')));
    const form = new FormData();
    form.append('alt', alt);
    form.append('file', file);
    setError(null);
    setProgress(0);
    try {
      await upload(`/listings/${listing.id}/photos`, form, { onProgress: setProgress });
      toast(t('seller.photo.added'));
      setFile(null);
      setAlt('');
      setPickerKey((k) => k + 1);
      onChanged();
    } catch (err) {
      setError(err);
    } finally {
      setProgress(null);
    }
  }

  async function remove(photoId: string) {
    setRemoving(photoId);
    try {
      await api(`/listings/${listing.id}/photos/${photoId}`, { method: 'DELETE' });
      onChanged();
    } catch (err) {
      toast(explain(err), 'error', 8000);
    } finally {
      setRemoving(null);
    }
  }

  async function moveFirst(photoId: string) {
    const ids = [photoId, ...listing.photos.map((p) => p.id).filter((id) => id !== photoId)];
    try {
      await api(`/listings/${listing.id}/photos/order`, { method: 'PUT', body: { photoIds: ids } });
      onChanged();
    } catch (err) {
      toast(explain(err), 'error', 8000);
    }
  }

  const errs = fieldErrors(error);
  return (
    <section aria-labelledby="photos-heading" className="seller-photos">
      <h2 id="photos-heading">{t('seller.photo.title', { count: listing.photos.length, max: MAX_PHOTOS })}</h2>
      {listing.photos.length === 0 ? (
        <p className="muted">{t('seller.photo.none')}</p>
      ) : (
        <ul className="seller-photo-list">
          {listing.photos.map((p, i) => (
            <li key={p.id}>
              <img src={p.urls.thumbnail} alt={p.alt} width={120} height={120} />
              <span className="small">{p.alt}</span>
              {i > 0 && <Button variant="link" onClick={() => void moveFirst(p.id)}>{t('seller.photo.makeFirst')}</Button>}
              <Button variant="link" busy={removing === p.id} onClick={() => void remove(p.id)} aria-label={t('seller.photo.removeNamed', { alt: p.alt })}>
                {t('seller.photo.remove')}
              </Button>
            </li>
          ))}
        </ul>
      )}
      {listing.photos.length < MAX_PHOTOS && (
        <form className="form seller-photo-form" onSubmit={send} noValidate>
          <PhotoPicker key={pickerKey} label={t('seller.photo.choose')} progress={progress} onPick={setFile} previewFirst />
          <TextField label={t('seller.photo.alt')} hint={t('seller.photo.altHint')} required value={alt} error={errs.alt} onChange={(e) => setAlt(e.target.value)} />
          {error !== null && !errs.alt && <p className="field-error" role="alert">{explain(error)}</p>}
          <Button type="submit" variant="secondary" busy={progress !== null}>{t('seller.photo.upload')}</Button>
        </form>
      )}
    </section>
  );
}
