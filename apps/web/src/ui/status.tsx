import { ReactNode } from 'react';
import { ApiError } from '../api';
import { useI18n } from '../i18n';
import type { Loaded } from '../use-api';
import { knownErrorText } from './error-messages';

/** A spinner announced to screen readers (label '' when the text beside it says enough). */
export function Spinner({ size = 'normal', label }: { size?: 'small' | 'normal'; label?: string }) {
  const { t } = useI18n();
  const text = label ?? t('common.loading');
  return (
    <span className={`spinner spinner-${size}`} role={text ? 'status' : undefined} aria-hidden={text ? undefined : true}>
      {text && <span className="visually-hidden">{text}</span>}
    </span>
  );
}

export function Loading() {
  const { t } = useI18n();
  return (
    <div className="state state-loading" role="status" aria-live="polite">
      <Spinner label="" /> {t('common.loading')}
    </div>
  );
}

/** An error in words a buyer understands, with a retry when one is given. */
export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t, lang } = useI18n();
  // The API's messages are English and name fields; a few common cases get words of our own.
  const known = knownErrorText(error, lang);
  const message =
    known !== null ? known
    : error instanceof ApiError && error.status === 404 ? t('common.notFound')
    : error instanceof TypeError ? t('common.offline')
    : error instanceof Error ? error.message
    : String(error);
  return (
    <div className="state state-error" role="alert">
      <p>{t('common.error', { message })}</p>
      {onRetry && (
        <button type="button" className="btn btn-secondary" onClick={onRetry}>{t('common.retry')}</button>
      )}
    </div>
  );
}

export function EmptyState({ children }: { children?: ReactNode }) {
  const { t } = useI18n();
  return <div className="state state-empty">{children ?? t('common.empty')}</div>;
}

/**
 * Loading, the error (in the section's words, with a retry), empty, or the content. `explain` turns
 * an API error into the sentence to show; without it the error's own message is shown.
 */
export interface LoadStateProps<T> {
  state: Loaded<T>;
  children: (data: T) => ReactNode;
  isEmpty?: (data: T) => boolean;
  empty?: ReactNode;
  explain?: (error: unknown) => string;
}

export function LoadState<T>({ state, children, isEmpty, empty, explain }: LoadStateProps<T>) {
  if (state.loading && !state.data) return <Loading />;
  if (state.error) return <ErrorState error={explain ? new Error(explain(state.error)) : state.error} onRetry={state.reload} />;
  const data = state.data as T;
  if (isEmpty?.(data)) return <EmptyState>{empty}</EmptyState>;
  return <>{children(data)}</>;
}
