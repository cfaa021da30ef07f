import './messages';
import './curator.css';
import { Link, Route, Switch } from 'wouter';
import { api } from '../api';
import { useI18n } from '../i18n';
import { RequireRole } from '../ui/layout';
import { ArtisanQueuePage } from './artisans';
import { AuditPage } from './audit';
import { CampaignEditorPage, CampaignsPage } from './campaigns';
import { CollectionEditorPage } from './collection-editor';
import { CollectionsPage } from './collections';
import { CategoryMappingPage } from './channel-mappings';
import { ChannelRunPage, ChannelsPage } from './channels';
import { Paged, useLoad } from './curator-api';
import { FailedJobsPage } from './jobs';
import { CuratorPage } from './layout';
import { MarksPage } from './marks';
import { ListingQueuePage } from './moderation';
import { PayoutsPage } from './payouts';
import { ReportsPage } from './reports';

/** The console's start: how much waits in each queue. */
function Dashboard() {
  const { t } = useI18n();
  const listings = useLoad((signal) => api<Paged<unknown>>('/curation/listings', { query: { limit: 1 }, signal }), []);
  const artisans = useLoad((signal) => api<Paged<unknown>>('/curation/artisans', { query: { status: 'pending', limit: 1 }, signal }), []);
  const count = (n: number | undefined) => (n === undefined ? '…' : String(n));
  return (
    <CuratorPage title={t('curator.home.title')}>
      <ul className="grid plain curator-tiles">
        <li className="card curator-card">
          <Link href="/listings"><strong className="curator-figure">{count(listings.data?.total)}</strong> {t('curator.home.listings')}</Link>
        </li>
        <li className="card curator-card">
          <Link href="/artisans"><strong className="curator-figure">{count(artisans.data?.total)}</strong> {t('curator.home.artisans')}</Link>
        </li>
      </ul>
    </CuratorPage>
  );
}

/** The curator console, mounted at /curator (routes here are relative to it). */
export default function CuratorSection() {
  return (
    <RequireRole roles={['curator']}>
      <Switch>
        <Route path="/"><Dashboard /></Route>
        <Route path="/listings"><ListingQueuePage /></Route>
        <Route path="/artisans"><ArtisanQueuePage /></Route>
        <Route path="/collections"><CollectionsPage /></Route>
        <Route path="/collections/:id">{(p) => <CollectionEditorPage id={p.id} />}</Route>
        <Route path="/campaigns"><CampaignsPage /></Route>
        <Route path="/campaigns/:id">{(p) => <CampaignEditorPage id={p.id} />}</Route>
        <Route path="/marks"><MarksPage /></Route>
        <Route path="/reports"><ReportsPage /></Route>
        <Route path="/channels"><ChannelsPage /></Route>
        <Route path="/channels/mappings"><CategoryMappingPage /></Route>
        <Route path="/channels/runs/:id">{(p) => <ChannelRunPage id={p.id} />}</Route>
        <Route path="/payouts"><PayoutsPage /></Route>
        <Route path="/audit"><AuditPage /></Route>
        <Route path="/jobs"><FailedJobsPage /></Route>
        <Route><NotFoundHere /></Route>
      </Switch>
    </RequireRole>
  );
}

function NotFoundHere() {
  const { t } = useI18n();
  return <CuratorPage title={t('common.notFound')}><p>{t('common.notFound')}</p></CuratorPage>;
}
