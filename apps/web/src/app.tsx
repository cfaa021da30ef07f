import { lazy, Suspense } from 'react';
import { Route, Switch } from 'wouter';
import { useI18n } from './i18n';
import { LoginPage } from './login';
import { Page } from './ui/layout';
import { Loading } from './ui/status';
import { StorefrontRoutes } from './storefront/routes';

// The seller centre and curator console load on first visit only, so the storefront's first
// load carries none of their code. Inside them, routes are relative to /seller or /curator
// (wouter `nest`); a link out of the section starts with `~/`.
const SellerSection = lazy(() => import('./seller/index'));
const CuratorSection = lazy(() => import('./curator/index'));

function NotFound() {
  const { t } = useI18n();
  return (
    <Page title={t('common.notFound')}>
      <h1>{t('common.notFound')}</h1>
    </Page>
  );
}

function SectionLoading() {
  return (
    <Page>
      <Loading />
    </Page>
  );
}

export function App() {
  return (
    <Switch>
      <Route path="/login">{() => <LoginPage mode="login" />}</Route>
      <Route path="/register">{() => <LoginPage mode="register" />}</Route>
      <Route path="/seller" nest>
        <Suspense fallback={<SectionLoading />}><SellerSection /></Suspense>
      </Route>
      <Route path="/curator" nest>
        <Suspense fallback={<SectionLoading />}><CuratorSection /></Suspense>
      </Route>
      <StorefrontRoutes notFound={NotFound} />
    </Switch>
  );
}
