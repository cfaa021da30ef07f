import { ChangeEvent, useEffect, useId, useRef, useState } from 'react';
import { Link } from 'wouter';
import { API_BASE, api, ApiError, getSession } from '../api';
import { useI18n } from '../i18n';
import { Button } from '../ui/button';
import { toast } from '../ui/toast';
import { SellerPage } from './layout';
import { UploadProgress } from './photo-picker';
import { explain, ImportPreview, ImportProblem, ImportView, upload } from './seller-api';

const COLUMNS = 'listing_id, handle, title_id, title_en, description_id, description_en, category, materials, techniques, regency, length_cm, width_cm, height_cm, weight_grams, package_length_cm, package_width_cm, package_height_cm, handmade, lead_time_days, sku, options, price, stock';
const POLL_MS = 1000;

function Problems({ errors }: { errors: ImportProblem[] }) {
  const { t } = useI18n();
  return (
    <div className="seller-scroll" role="region" aria-label={t('seller.bulk.errors', { count: errors.length })} tabIndex={0}>
      <table className="table seller-table">
        <caption>{t('seller.bulk.errors', { count: errors.length })}</caption>
        <thead>
          <tr><th scope="col">{t('seller.bulk.line')}</th><th scope="col">{t('seller.bulk.column')}</th><th scope="col">{t('seller.bulk.message')}</th></tr>
        </thead>
        <tbody>
          {errors.map((e, i) => (
            <tr key={i}>
              <td data-label={t('seller.bulk.line')}>{e.line ?? '–'}</td>
              <td data-label={t('seller.bulk.column')}>{e.column ?? '–'}</td>
              <td data-label={t('seller.bulk.message')}>{e.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A refused file (bad encoding, or a start whose check failed) carries its rows' problems. */
function problemsOf(error: unknown): ImportProblem[] {
  const details = error instanceof ApiError ? (error.details as { errors?: unknown } | null) : null;
  return details && Array.isArray(details.errors) ? (details.errors as ImportProblem[]) : [];
}

/** The shop's listings as a CSV in the upload format (a fetch: the download needs the bearer token). */
async function downloadExport(): Promise<void> {
  const res = await fetch(`${API_BASE}/listings/export`, { headers: { authorization: `Bearer ${getSession()?.accessToken ?? ''}` } });
  if (!res.ok) throw new Error(res.statusText);
  const name = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? 'listings.csv';
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  URL.revokeObjectURL(url);
}

/**
 * Bulk upload: the file is checked first (nothing written) and every bad row shown with its line,
 * column and reason; a clean file is imported as a background job whose progress is polled.
 */
export function BulkPage() {
  const { t } = useI18n();
  const id = useId();
  const [file, setFile] = useState<File | null>(null);
  const [sending, setSending] = useState<number | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [job, setJob] = useState<ImportView | null>(null);
  const [error, setError] = useState<unknown>(null);
  const timer = useRef<number | undefined>(undefined);
  useEffect(() => () => window.clearTimeout(timer.current), []);

  async function check(f: File) {
    setFile(f);
    setPreview(null);
    setJob(null);
    setError(null);
    setSending(0);
    try {
      setPreview(await upload<ImportPreview>('/listings/imports/preview', f, { contentType: 'text/csv', onProgress: setSending }));
    } catch (e) {
      setError(e);
    } finally {
      setSending(null);
    }
  }

  function poll(importId: string) {
    timer.current = window.setTimeout(async () => {
      try {
        const view = await api<ImportView>(`/listings/imports/${importId}`);
        setJob(view);
        if (view.status === 'queued' || view.status === 'running') poll(importId);
        else if (view.status === 'succeeded') toast(t('seller.bulk.done', { count: view.listings.create + view.listings.update }));
      } catch (e) {
        setError(e);
      }
    }, POLL_MS);
  }

  async function start() {
    if (!file) return;
    setError(null);
    setSending(0);
    try {
      const view = await upload<ImportView>('/listings/imports', file, { contentType: 'text/csv', onProgress: setSending });
      setJob(view);
      poll(view.id);
    } catch (e) {
      setError(e);
    } finally {
      setSending(null);
    }
  }

  const change = (e: ChangeEvent<HTMLInputElement>) => {
    const f = e.target.files?.[0];
    e.target.value = '';
    if (f) void check(f);
  };
  const running = job && (job.status === 'queued' || job.status === 'running');

  return (
    <SellerPage title={t('seller.bulk.title')}>
      <p>{t('seller.bulk.intro')}</p>
      <details className="seller-details">
        <summary>{t('seller.bulk.columns')}</summary>
        <p className="mono small">{COLUMNS}</p>
        <p className="small">{t('seller.bulk.columnsHint')}</p>
      </details>
      <Button variant="link" onClick={() => void downloadExport().catch((e) => toast(explain(e), 'error'))}>{t('seller.bulk.export')}</Button>
      <div className="field">
        <label htmlFor={id}>{t('seller.bulk.file')}</label>
        <input id={id} type="file" accept=".csv,text/csv" onChange={change} disabled={sending !== null || Boolean(running)} />
      </div>
      {sending !== null && <UploadProgress value={sending} label={t('seller.bulk.sending')} />}
      {error !== null && <p className="field-error" role="alert">{explain(error)}</p>}
      {problemsOf(error).length > 0 && <Problems errors={problemsOf(error)} />}
      {preview && !job && (
        <section aria-labelledby="preview-heading" className="stack">
          <h2 id="preview-heading">{t('seller.bulk.preview')}</h2>
          <p role="status">{t('seller.bulk.summary', { rows: preview.rows, create: preview.listings.create, update: preview.listings.update })}</p>
          {preview.errors.length > 0 ? (
            <>
              <Problems errors={preview.errors} />
              <p>{t('seller.bulk.fix')}</p>
            </>
          ) : (
            <Button onClick={() => void start()} busy={sending !== null}>{t('seller.bulk.start')}</Button>
          )}
        </section>
      )}
      {job && (
        <section aria-labelledby="job-heading" className="stack">
          <h2 id="job-heading">{t('seller.bulk.job')}</h2>
          <UploadProgress value={job.rows ? job.processedRows / job.rows : 0} label={t('seller.bulk.progress', { done: job.processedRows, rows: job.rows })} />
          <p role="status">{t(`seller.bulk.status.${job.status}`)}</p>
          {job.status === 'failed' && job.errors.length > 0 && <Problems errors={job.errors} />}
          {job.status === 'succeeded' && <Link href="/listings">{t('seller.bulk.seeListings')}</Link>}
        </section>
      )}
    </SellerPage>
  );
}
