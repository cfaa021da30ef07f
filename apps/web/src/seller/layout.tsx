import { ReactNode, useEffect, useRef } from 'react';
import { Link, useLocation } from 'wouter';
import { useAuth } from '../api';
import { useI18n } from '../i18n';
import { Page } from '../ui/layout';
import { Loading, ErrorState, EmptyState } from '../ui/status';
import { explain, Loaded } from './seller-api';

const SECTIONS = [
  ['/', 'seller.nav.home'],
  ['/listings', 'seller.nav.listings'],
  ['/orders', 'seller.nav.orders'],
  ['/statement', 'seller.nav.statement'],
  ['/channels', 'seller.nav.channels'],
  ['/bulk', 'seller.nav.bulk'],
  ['/profile', 'seller.nav.profile'],
] as const;

/** The seller centre's frame: the page's title and h1, and the section's own navigation. */
export function SellerPage({ title, children, nav = true }: { title: string; children: ReactNode; nav?: boolean }) {
  const { t } = useI18n();
  const [location] = useLocation();
  // Until the council verifies the shop there is nothing behind the section's other pages.
  const { hasRole } = useAuth();
  // On a phone the menu scrolls sideways: keep the current page's entry in view.
  const navRef = useRef<HTMLElement>(null);
  useEffect(() => {
    navRef.current?.querySelector('[aria-current="page"]')?.scrollIntoView({ block: 'nearest', inline: 'center' });
  }, [location]);
  return (
    <Page title={title} wide>
      {nav && hasRole('artisan') && (
        <nav ref={navRef} aria-label={t('seller.nav.label')} className="seller-nav">
          {SECTIONS.map(([href, key]) => {
            const current = href === '/' ? location === '/' : location.startsWith(href);
            return (
              <Link key={href} href={href} aria-current={current ? 'page' : undefined}>{t(key)}</Link>
            );
          })}
        </nav>
      )}
      <h1>{title}</h1>
      {children}
    </Page>
  );
}

/** Loading, error (in words, with a retry) or the content; `empty` when the content has nothing. */
export function LoadState<T>({ state, children, isEmpty, empty }: { state: Loaded<T>; children: (data: T) => ReactNode; isEmpty?: (data: T) => boolean; empty?: ReactNode }) {
  if (state.loading && !state.data) return <Loading />;
  if (state.error) return <ErrorState error={new Error(explain(state.error))} onRetry={state.reload} />;
  const data = state.data as T;
  if (isEmpty?.(data)) return <EmptyState>{empty}</EmptyState>;
  return <>{children(data)}</>;
}

/** A coloured status word: draft, submitted, published, paid, shipped… */
export function StatusBadge({ kind, status }: { kind: 'listing' | 'shipment' | 'channel' | 'entry'; status: string }) {
  const { t } = useI18n();
  return <span className={`status seller-status-${status}`}>{t(`seller.status.${kind}.${status}`)}</span>;
}
