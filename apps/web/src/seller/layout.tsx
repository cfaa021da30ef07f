import { ReactNode, useEffect, useRef } from 'react';
import { Link, useLocation } from 'wouter';
import { useAuth } from '../api';
import { useI18n } from '../i18n';
import { Page } from '../ui/layout';
import { LoadState as SharedLoadState, LoadStateProps } from '../ui/status';
import { explain } from './seller-api';

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

/** The shared LoadState, with errors in this section's words. */
export function LoadState<T>(props: Omit<LoadStateProps<T>, 'explain'>) {
  return <SharedLoadState {...props} explain={explain} />;
}

/** A coloured status word: draft, submitted, published, paid, shipped… */
export function StatusBadge({ kind, status }: { kind: 'listing' | 'shipment' | 'channel' | 'entry'; status: string }) {
  const { t } = useI18n();
  return <span className={`status seller-status-${status}`}>{t(`seller.status.${kind}.${status}`)}</span>;
}
