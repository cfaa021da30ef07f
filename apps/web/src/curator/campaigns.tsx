import { FormEvent, useState } from 'react';
import { Link, useLocation } from 'wouter';
import { api } from '../api';
import { formatRupiah } from '../format';
import { localized, useI18n } from '../i18n';
import { Button } from '../ui/button';
import { Select, TextArea, TextField } from '../ui/fields';
import { toast } from '../ui/toast';
import { CampaignSummary, CampaignView, explain, fieldErrors, Paged, useLoad } from './curator-api';
import { CuratorPage, LoadState, StateBadge, useAction } from './layout';

const EMPTY = { kind: 'campaign', slug: '', titleId: '', titleEn: '', descriptionId: '', startsAt: '', endsAt: '', discountPercent: '' };

/** Campaigns and exhibitions in every state; a new one with its WITA start and end. */
export function CampaignsPage() {
  const { t, lang } = useI18n();
  const [, navigate] = useLocation();
  const list = useLoad((signal) => api<Paged<CampaignSummary>>('/curation/campaigns', { query: { limit: 50 }, signal }), []);
  const [f, setF] = useState(EMPTY);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const set = (key: keyof typeof EMPTY) => (e: { target: { value: string } }) => setF({ ...f, [key]: e.target.value });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    try {
      // datetime-local gives 'YYYY-MM-DDTHH:mm', which the catalog reads as WITA.
      const made = await api<CampaignView>('/curation/campaigns', {
        method: 'POST',
        body: {
          kind: f.kind,
          slug: f.slug.trim(),
          title: { id: f.titleId, en: f.titleEn || null },
          description: { id: f.descriptionId, en: null },
          startsAt: f.startsAt,
          endsAt: f.endsAt,
          discountPercent: f.discountPercent ? Number(f.discountPercent) : null,
        },
      });
      toast(t('curator.campaigns.created'));
      navigate(`/campaigns/${made.id}`);
    } catch (error) {
      const fields = fieldErrors(error);
      setErrors(fields);
      if (Object.keys(fields).length === 0) toast(explain(error), 'error');
    } finally {
      setBusy(false);
    }
  };
  return (
    <CuratorPage title={t('curator.campaigns.title')}>
      <LoadState state={list} isEmpty={(x) => x.items.length === 0} empty={t('curator.campaigns.empty')}>
        {(x) => (
          <ul className="stack plain">
            {x.items.map((c) => (
              <li key={c.id} className="card curator-card">
                <h2 className="card-title"><Link href={`/campaigns/${c.id}`}>{localized(c.title, lang)}</Link> <StateBadge group="campaign" value={c.state} /></h2>
                <p className="muted small">
                  {t(`curator.campaigns.kind.${c.kind}`)} · {c.startsAt.wita} – {c.endsAt.wita} ·{' '}
                  {t('curator.campaigns.members', { artisans: c.memberCounts.artisans, listings: c.memberCounts.listings })}
                </p>
              </li>
            ))}
          </ul>
        )}
      </LoadState>
      <section className="card curator-card" aria-labelledby="camp-new">
        <h2 id="camp-new">{t('curator.campaigns.new')}</h2>
        <form className="form" onSubmit={(e) => void submit(e)} noValidate>
          <Select label={t('curator.campaigns.kindLabel')} value={f.kind} onChange={set('kind')} options={[{ value: 'campaign', label: t('curator.campaigns.kind.campaign') }, { value: 'exhibition', label: t('curator.campaigns.kind.exhibition') }]} />
          <TextField label={t('curator.collections.titleId')} value={f.titleId} onChange={set('titleId')} error={errors['title.id']} required />
          <TextField label={t('curator.collections.titleEn')} value={f.titleEn} onChange={set('titleEn')} error={errors['title.en']} lang="en" />
          <TextField label={t('curator.collections.slug')} value={f.slug} onChange={set('slug')} error={errors.slug} required />
          <TextArea label={t('curator.collections.descriptionId')} value={f.descriptionId} onChange={set('descriptionId')} error={errors['description.id']} required rows={3} />
          <TextField label={t('curator.campaigns.startsAt')} hint={t('curator.campaigns.witaHint')} type="datetime-local" value={f.startsAt} onChange={set('startsAt')} error={errors.startsAt} required />
          <TextField label={t('curator.campaigns.endsAt')} hint={t('curator.campaigns.witaHint')} type="datetime-local" value={f.endsAt} onChange={set('endsAt')} error={errors.endsAt} required />
          <TextField label={t('curator.campaigns.discount')} type="number" inputMode="numeric" min={1} max={90} value={f.discountPercent} onChange={set('discountPercent')} error={errors.discountPercent} />
          <Button type="submit" busy={busy}>{t('curator.campaigns.create')}</Button>
        </form>
      </section>
    </CuratorPage>
  );
}

/** One campaign: members (shops and listings by id), campaign prices per variant, cancel. */
export function CampaignEditorPage({ id }: { id: string }) {
  const { t, lang } = useI18n();
  const state = useLoad((signal) => api<CampaignView>(`/curation/campaigns/${id}`, { signal }), [id]);
  const { busy, run } = useAction();
  const [memberId, setMemberId] = useState('');
  const [memberKind, setMemberKind] = useState<'listingIds' | 'artisanIds'>('listingIds');
  const [variantId, setVariantId] = useState('');
  const [price, setPrice] = useState('');
  const act = (key: string, call: () => Promise<unknown>, done: string) => void run(key, call, done).then((ok) => ok && state.reload());
  return (
    <CuratorPage title={state.data ? localized(state.data.title, lang) : t('curator.campaigns.title')}>
      <p><Link href="/campaigns">← {t('curator.campaigns.title')}</Link></p>
      <LoadState state={state}>
        {(c) => (
          <div className="stack">
            <p><StateBadge group="campaign" value={c.state} /> {c.startsAt.wita} – {c.endsAt.wita}{c.discountPercent !== null && ` · −${c.discountPercent}%`}</p>
            {(c.state === 'scheduled' || c.state === 'live') && (
              <Button variant="danger" busy={busy === 'cancel'} onClick={() => act('cancel', () => api(`/curation/campaigns/${id}/cancel`, { method: 'POST' }), t('curator.campaigns.cancelled'))}>
                {t('curator.campaigns.cancel')}
              </Button>
            )}
            <section className="card curator-card" aria-labelledby="camp-members">
              <h2 id="camp-members">{t('curator.campaigns.membersTitle')}</h2>
              <ul className="plain">
                {c.members.artisanIds.map((a) => <li key={a} className="curator-item"><span className="mono small">{t('curator.campaigns.shop')} {a}</span>
                  <Button variant="link" onClick={() => act(a, () => api(`/curation/campaigns/${id}/members/artisans/${a}`, { method: 'DELETE' }), t('curator.campaigns.memberRemoved'))}>{t('curator.collections.remove')}</Button></li>)}
                {c.members.listingIds.map((l) => <li key={l} className="curator-item"><span className="mono small">{t('curator.campaigns.listing')} {l}</span>
                  <Button variant="link" onClick={() => act(l, () => api(`/curation/campaigns/${id}/members/listings/${l}`, { method: 'DELETE' }), t('curator.campaigns.memberRemoved'))}>{t('curator.collections.remove')}</Button></li>)}
              </ul>
              <form className="form" onSubmit={(e) => { e.preventDefault(); act('member', () => api(`/curation/campaigns/${id}/members`, { method: 'POST', body: { [memberKind]: [memberId.trim()] } }), t('curator.campaigns.memberAdded')); }}>
                <Select label={t('curator.campaigns.memberKind')} value={memberKind} onChange={(e) => setMemberKind(e.target.value as typeof memberKind)} options={[{ value: 'listingIds', label: t('curator.campaigns.listing') }, { value: 'artisanIds', label: t('curator.campaigns.shop') }]} />
                <TextField label={t('curator.campaigns.memberId')} value={memberId} onChange={(e) => setMemberId(e.target.value)} required />
                <Button type="submit" variant="secondary" busy={busy === 'member'}>{t('curator.campaigns.addMember')}</Button>
              </form>
            </section>
            <section className="card curator-card" aria-labelledby="camp-prices">
              <h2 id="camp-prices">{t('curator.campaigns.prices')}</h2>
              <ul className="plain">
                {c.prices.map((p) => <li key={p.variantId} className="curator-item"><span className="mono small">{p.variantId.slice(0, 8)}</span> <span>{formatRupiah(p.price)} <s className="muted">{formatRupiah(p.regularPrice)}</s></span></li>)}
              </ul>
              <form className="form" onSubmit={(e) => { e.preventDefault(); act('price', () => api(`/curation/campaigns/${id}/prices`, { method: 'PUT', body: { prices: [{ variantId: variantId.trim(), price: price ? Number(price) : null }] } }), t('curator.saved')); }}>
                <TextField label={t('curator.campaigns.variantId')} value={variantId} onChange={(e) => setVariantId(e.target.value)} required />
                <TextField label={t('curator.campaigns.price')} hint={t('curator.campaigns.priceHint')} type="number" inputMode="numeric" value={price} onChange={(e) => setPrice(e.target.value)} />
                <Button type="submit" variant="secondary" busy={busy === 'price'}>{t('common.save')}</Button>
              </form>
            </section>
          </div>
        )}
      </LoadState>
    </CuratorPage>
  );
}
