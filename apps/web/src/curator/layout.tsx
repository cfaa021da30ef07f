import { FormEvent, ReactNode, useState } from 'react';
import { Link, useLocation } from 'wouter';
import { Query } from '../api';
import { useI18n } from '../i18n';
import { Button } from '../ui/button';
import { Dialog } from '../ui/dialog';
import { TextArea } from '../ui/fields';
import { Page } from '../ui/layout';
import { LoadState as SharedLoadState, LoadStateProps } from '../ui/status';
import { toast } from '../ui/toast';
import { downloadCsv, explain, fieldErrors } from './curator-api';

const SECTIONS = [
  ['/', 'curator.nav.home'],
  ['/listings', 'curator.nav.listings'],
  ['/artisans', 'curator.nav.artisans'],
  ['/collections', 'curator.nav.collections'],
  ['/campaigns', 'curator.nav.campaigns'],
  ['/marks', 'curator.nav.marks'],
  ['/reports', 'curator.nav.reports'],
  ['/channels', 'curator.nav.channels'],
  ['/payouts', 'curator.nav.payouts'],
  ['/audit', 'curator.nav.audit'],
  ['/jobs', 'curator.nav.jobs'],
] as const;

/** The console's frame: the page's title and h1, and the section's own navigation. */
export function CuratorPage({ title, children }: { title: string; children: ReactNode }) {
  const { t } = useI18n();
  const [location] = useLocation();
  return (
    <Page title={title} wide>
      <nav aria-label={t('curator.nav.label')} className="curator-nav">
        {SECTIONS.map(([href, key]) => {
          const current = href === '/' ? location === '/' : location.startsWith(href);
          return <Link key={href} href={href} aria-current={current ? 'page' : undefined}>{t(key)}</Link>;
        })}
      </nav>
      <h1>{title}</h1>
      {children}
    </Page>
  );
}

/** The shared LoadState, with errors in this section's words. */
export function LoadState<T>(props: Omit<LoadStateProps<T>, 'explain'>) {
  return <SharedLoadState {...props} explain={explain} />;
}

export function StateBadge({ group, value }: { group: string; value: string }) {
  const { t } = useI18n();
  return <span className={`status curator-status-${value}`}>{t(`curator.state.${group}.${value}`)}</span>;
}

/** Runs one write at a time with a busy flag; success and failure end in a toast. */
export function useAction(): { busy: string | null; run: (key: string, action: () => Promise<unknown>, done?: string) => Promise<boolean> } {
  const [busy, setBusy] = useState<string | null>(null);
  const run = async (key: string, action: () => Promise<unknown>, done?: string) => {
    setBusy(key);
    try {
      await action();
      if (done) toast(done);
      return true;
    } catch (error) {
      toast(explain(error), 'error');
      return false;
    } finally {
      setBusy(null);
    }
  };
  return { busy, run };
}

/** A button that downloads a CSV with the curator's token. */
export function CsvButton({ path, query, label }: { path: string; query?: Query; label: string }) {
  const { busy, run } = useAction();
  return (
    <Button variant="secondary" busy={busy === 'csv'} onClick={() => void run('csv', () => downloadCsv(path, query))}>
      {label}
    </Button>
  );
}

/** A dialog asking why (reject, unpublish, revoke, suspend); the reason is required. */
export function ReasonDialog({ open, title, confirm, onClose, onConfirm }: {
  open: boolean;
  title: string;
  confirm: string;
  onClose: () => void;
  onConfirm: (reason: string) => Promise<void>;
}) {
  const { t } = useI18n();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!reason.trim()) return setError(t('curator.reason.required'));
    setBusy(true);
    try {
      await onConfirm(reason.trim());
      setReason('');
      setError(null);
    } catch (err) {
      setError(fieldErrors(err).reason ?? explain(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog open={open} title={title} onClose={onClose}>
      <form className="form" onSubmit={(e) => void submit(e)} noValidate>
        <TextArea label={t('curator.reason.label')} hint={t('curator.reason.hint')} value={reason} onChange={(e) => setReason(e.target.value)} error={error} required rows={3} />
        <div className="row">
          <Button type="submit" variant="danger" busy={busy}>{confirm}</Button>
          <Button variant="secondary" onClick={onClose}>{t('common.cancel')}</Button>
        </div>
      </form>
    </Dialog>
  );
}
