import './messages';
import './seller.css';
import { Route, Switch } from 'wouter';
import { Role } from '../api';
import { useI18n } from '../i18n';
import { Page, RequireRole } from '../ui/layout';
import { BulkPage } from './bulk';
import { ChannelsPage } from './channels';
import { ListingsPage } from './listings';
import { EditListingPage, NewListingPage } from './listing-page';
import { OrdersPage } from './orders';
import { ApplyPage, ProfilePage, SellerHome } from './shop-pages';
import { StatementPage } from './statement';

function NotFound() {
  const { t } = useI18n();
  return (
    <Page title={t('common.notFound')}>
      <h1>{t('common.notFound')}</h1>
    </Page>
  );
}

// Applying, and seeing where the application stands, need no shop yet.
const SIGNED_IN: Role[] = ['buyer', 'artisan', 'curator'];

/** The seller centre at /seller/* (paths here are relative to it). Anyone signed in may apply. */
export default function SellerSection() {
  return (
    <Switch>
      <Route path="/apply">
        <RequireRole roles={SIGNED_IN}><ApplyPage /></RequireRole>
      </Route>
      <Route path="/">
        <RequireRole roles={SIGNED_IN}><SellerHome /></RequireRole>
      </Route>
      <Route>
        <RequireRole roles={['artisan']}>
          <Switch>
            <Route path="/profile"><ProfilePage /></Route>
            <Route path="/listings"><ListingsPage /></Route>
            <Route path="/listings/new"><NewListingPage /></Route>
            <Route path="/listings/:id">{(p) => <EditListingPage id={p.id} />}</Route>
            <Route path="/bulk"><BulkPage /></Route>
            <Route path="/orders"><OrdersPage /></Route>
            <Route path="/statement"><StatementPage /></Route>
            <Route path="/channels"><ChannelsPage /></Route>
            <Route><NotFound /></Route>
          </Switch>
        </RequireRole>
      </Route>
    </Switch>
  );
}
