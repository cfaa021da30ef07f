import { ChangeEvent, useEffect, useId, useState } from 'react';
import { useI18n } from '../i18n';

const ACCEPT = 'image/jpeg,image/png,image/webp';
const MAX_BYTES = 10 * 1024 * 1024;

/** Upload progress as a labelled <progress> the screen reader can follow. */
export function UploadProgress({ value, label }: { value: number; label: string }) {
  const pct = Math.round(value * 100);
  return (
    <div className="seller-progress">
      <label>
        {label} <span aria-hidden="true">{pct}%</span>
        <progress max={100} value={pct} aria-valuetext={`${pct}%`} />
      </label>
    </div>
  );
}

/**
 * A file input for one photo: checks type and size before anything is sent, shows a preview of
 * the chosen file, and the upload's progress while `progress` is set.
 */
export function PhotoPicker({ label, progress, onPick, previewFirst = false }: {
  label: string;
  progress: number | null;
  onPick: (file: File) => void;
  /** Keep the preview until the caller uploads (the listing form asks for alt text first). */
  previewFirst?: boolean;
}) {
  const { t } = useI18n();
  const id = useId();
  const [error, setError] = useState<string | null>(null);
  const [preview, setPreview] = useState<string | null>(null);
  useEffect(() => () => { if (preview) URL.revokeObjectURL(preview); }, [preview]);

  function change(e: ChangeEvent<HTMLInputElement>) {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    if (!ACCEPT.split(',').includes(file.type)) return setError(t('seller.photo.wrongType'));
    if (file.size > MAX_BYTES) return setError(t('seller.photo.tooBig'));
    setError(null);
    setPreview(URL.createObjectURL(file));
    onPick(file);
  }

  return (
    <div className="field seller-photo-picker">
      <label htmlFor={id}>{label}</label>
      <input id={id} type="file" accept={ACCEPT} onChange={change} disabled={progress !== null} aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`} />
      <span id={`${id}-hint`} className="field-hint">{t('seller.photo.hint')}</span>
      {error && <span id={`${id}-error`} className="field-error" role="alert">{error}</span>}
      {preview && (previewFirst || progress !== null) && <img src={preview} alt={t('seller.photo.preview')} className="seller-preview" />}
      {progress !== null && <UploadProgress value={progress} label={t('seller.photo.uploading')} />}
    </div>
  );
}
