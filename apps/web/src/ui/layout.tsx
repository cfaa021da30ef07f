import { ReactNode, useEffect } from 'react';
import { Link, useLocation, useRouter } from 'wouter';
import { logout, Role, useAuth } from '../api';
import { useCartCount } from '../cart-count';
import { Lang, useI18n } from '../i18n';
import { HeaderSearch } from '../storefront/search-box';
import { Toasts } from './toast';

// The full path (wouter's location is relative inside a nested section like /seller).
const here = () => `${window.location.pathname}${window.location.search}`;

function LanguageSwitch() {
  const { lang, setLang, t } = useI18n();
  const choices: Array<{ value: Lang; label: string; name: string }> = [
    { value: 'id', label: 'ID', name: 'Bahasa Indonesia' },
    { value: 'en', label: 'EN', name: 'English' },
  ];
  return (
    <div className="lang-switch" role="group" aria-label={t('nav.language')}>
      {choices.map((c) => (
        <button key={c.value} type="button" lang={c.value} aria-pressed={lang === c.value} aria-label={`${c.name} (${c.label})`} onClick={() => setLang(c.value)}>
          {c.label}
        </button>
      ))}
    </div>
  );
}

function CartLink() {
  const count = useCartCount();
  const { t } = useI18n();
  return (
    <Link href="~/cart" className="nav-cart" aria-label={t('nav.cartCount', { count })}>
      <svg aria-hidden="true" width="22" height="22" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
        <circle cx="9" cy="20" r="1.5" /><circle cx="18" cy="20" r="1.5" /><path d="M2 3h3l2.4 12.2a2 2 0 0 0 2 1.6h8.4a2 2 0 0 0 2-1.5L22 7H6" />
      </svg> <span className="nav-cart-text">{t('nav.cart')}</span>
      <span className="badge" data-testid="cart-badge" aria-hidden="true">{count}</span>
    </Link>
  );
}

function Header() {
  const { t } = useI18n();
  const { user, hasRole } = useAuth();
  // Subscribing to the location keeps the sign-in link's next= current.
  const [, navigate] = useLocation();
  // The storefront's search; the seller centre and curator console (nested under a base) have their own.
  const inSection = useRouter().base !== '';
  return (
    <header className="site-header">
      <div className="header-row">
        <Link href="~/" className="brand">{t('app.name')}</Link>
        {!inSection && <HeaderSearch />}
        <div className="header-tools">
          <LanguageSwitch />
          <CartLink />
        </div>
      </div>
      <nav aria-label={t('nav.main')} className="main-nav">
        <Link href="~/search">{t('nav.search')}</Link>
        {user && <Link href="~/orders">{t('nav.orders')}</Link>}
        {hasRole('artisan') && <Link href="~/seller">{t('nav.seller')}</Link>}
        {hasRole('curator') && <Link href="~/curator">{t('nav.curator')}</Link>}
        {user ? (
          <button
            type="button"
            className="btn btn-link"
            onClick={() => void logout().then(() => navigate('~/'))}
            title={t('auth.signedInAs', { name: user.displayName })}
          >
            {t('nav.logout')}
          </button>
        ) : (
          <Link href={`~/login?next=${encodeURIComponent(here())}`}>{t('nav.login')}</Link>
        )}
      </nav>
    </header>
  );
}

/** The frame of every page: skip link, header, one <main> with the page's heading, toasts. */
export function Page({ title, children, wide = false }: { title?: string; children: ReactNode; wide?: boolean }) {
  const { t } = useI18n();
  useEffect(() => {
    document.title = title ? `${title} · ${t('app.name')}` : t('app.name');
  }, [title, t]);
  return (
    <>
      <a href="#main" className="skip-link">{t('nav.skip')}</a>
      <Header />
      <main id="main" tabIndex={-1} className={wide ? 'main main-wide' : 'main'}>
        {children}
      </main>
      <Toasts />
    </>
  );
}

/** Renders children only for callers with one of `roles`; others are sent to sign in or told no. */
export function RequireRole({ roles, children }: { roles: Role[]; children: ReactNode }) {
  const { user, hasRole } = useAuth();
  const { t } = useI18n();
  const [location, navigate] = useLocation();
  useEffect(() => {
    // Once: StrictMode runs effects twice, and the second must not wrap the login URL again.
    if (!user && !window.location.pathname.startsWith('/login')) navigate(`~/login?next=${encodeURIComponent(here())}`, { replace: true });
  }, [user, location, navigate]);
  if (!user) return null;
  if (!hasRole(...roles)) {
    return (
      <Page title={t('common.forbidden')}>
        <p role="alert">{t('common.forbidden')}</p>
      </Page>
    );
  }
  return <>{children}</>;
}
