import { FormEvent, useEffect, useState } from 'react';
import { Link } from 'wouter';
import { api } from '../api';
import { formatRupiah } from '../format';
import { localized, useI18n } from '../i18n';
import { Button } from '../ui/button';
import { TextField } from '../ui/fields';
import { EmptyState, ErrorState, Loading } from '../ui/status';
import { toast } from '../ui/toast';
import { bodyOf, CollectionForm, fieldsOf } from './collections';
import { CollectionItem, CollectionView, explain, useLoad } from './curator-api';
import { CuratorPage, LoadState, StateBadge, useAction } from './layout';
import { UnpublishButton } from './moderation';

interface Hit { id: string; title: { id: string; en: string | null }; shop: { name: string }; price: { min: string } }

/** One collection: its texts, whether buyers see it, and its listings in order. */
export function CollectionEditorPage({ id }: { id: string }) {
  const { t, lang } = useI18n();
  const state = useLoad((signal) => api<CollectionView>(`/curation/collections/${id}`, { signal }), [id]);
  const { busy, run } = useAction();
  const c = state.data;
  const title = c ? localized(c.title, lang) : t('curator.collections.title');
  const setPublished = (published: boolean) =>
    void run('publish', () => api(`/curation/collections/${id}`, { method: 'PATCH', body: { published } }), t(published ? 'curator.collections.publishedNow' : 'curator.collections.hiddenNow')).then(
      (ok) => ok && state.reload(),
    );
  return (
    <CuratorPage title={title}>
      <p><Link href="/collections">← {t('curator.collections.back')}</Link></p>
      <LoadState state={state}>
        {(col) => (
          <div className="stack">
            <section className="card curator-card" aria-labelledby="col-visibility">
              <h2 id="col-visibility">{t('curator.collections.visibility')}</h2>
              <p>
                <StateBadge group="collection" value={col.published ? 'published' : 'draft'} />{' '}
                {t(col.published ? 'curator.collections.visibleHint' : 'curator.collections.hiddenHint')}
              </p>
              <Button variant={col.published ? 'secondary' : 'primary'} busy={busy === 'publish'} onClick={() => setPublished(!col.published)}>
                {t(col.published ? 'curator.collections.unpublish' : 'curator.collections.publish')}
              </Button>
            </section>
            <ItemsEditor collection={col} onChanged={state.reload} />
            <AddListing collection={col} onAdded={state.reload} />
            <section className="card curator-card" aria-labelledby="col-details">
              <h2 id="col-details">{t('curator.collections.details')}</h2>
              <CollectionForm
                key={col.updatedAt}
                initial={fieldsOf(col)}
                submitLabel={t('common.save')}
                onSubmit={async (f) => {
                  await api(`/curation/collections/${id}`, { method: 'PATCH', body: bodyOf(f) });
                  toast(t('curator.saved'));
                  state.reload();
                }}
              />
            </section>
          </div>
        )}
      </LoadState>
    </CuratorPage>
  );
}

const putItems = (id: string, items: CollectionItem[]) =>
  api(`/curation/collections/${id}/items`, { method: 'PUT', body: { listingIds: items.map((i) => i.listingId) } });

/** The listings in order; up/down buttons keep focus on the moved item so a keyboard can keep going. */
function ItemsEditor({ collection, onChanged }: { collection: CollectionView; onChanged: () => void }) {
  const { t } = useI18n();
  const [items, setItems] = useState(collection.items);
  const [saving, setSaving] = useState(false);
  // After a move the list re-orders and the pressed button may end up disabled (top or bottom):
  // put focus on the moved listing's button that still works, so the keyboard user keeps going.
  const [refocus, setRefocus] = useState<{ listingId: string; dir: 'up' | 'down' } | null>(null);
  useEffect(() => setItems(collection.items), [collection.items]);
  useEffect(() => {
    if (!refocus) return;
    const index = items.findIndex((i) => i.listingId === refocus.listingId);
    const dir = refocus.dir === 'down' && index === items.length - 1 ? 'up' : refocus.dir === 'up' && index === 0 ? 'down' : refocus.dir;
    document.querySelector<HTMLButtonElement>(`[data-move="${refocus.listingId}-${dir}"]`)?.focus();
    setRefocus(null);
  }, [refocus, items]);
  const save = async (next: CollectionItem[], done: string) => {
    const before = items;
    setItems(next);
    setSaving(true);
    try {
      await putItems(collection.id, next);
      toast(done);
    } catch (error) {
      setItems(before);
      toast(explain(error), 'error');
    } finally {
      setSaving(false);
    }
  };
  const move = (index: number, by: -1 | 1) => {
    if (saving) return;
    const next = [...items];
    [next[index], next[index + by]] = [next[index + by], next[index]];
    setRefocus({ listingId: next[index + by].listingId, dir: by < 0 ? 'up' : 'down' });
    void save(next, t('curator.collections.movedTo', { title: next[index + by].title, position: index + by + 1 }));
  };
  return (
    <section className="card curator-card" aria-labelledby="col-items">
      <h2 id="col-items">{t('curator.collections.items')}</h2>
      {items.length === 0 ? (
        <EmptyState>{t('curator.collections.noItems')}</EmptyState>
      ) : (
        <ol className="stack plain curator-items" aria-busy={saving || undefined}>
          {items.map((item, i) => (
            <li key={item.listingId} className="curator-item">
              <span>
                {i + 1}. {item.title} {!item.visible && <span className="muted small">({t('curator.collections.notVisible', { status: item.status })})</span>}
              </span>
              <span className="row">
                <Button variant="secondary" data-move={`${item.listingId}-up`} disabled={i === 0} onClick={() => move(i, -1)} aria-label={t('curator.moveUpNamed', { name: item.title })}>↑</Button>
                <Button variant="secondary" data-move={`${item.listingId}-down`} disabled={i === items.length - 1} onClick={() => move(i, 1)} aria-label={t('curator.moveDownNamed', { name: item.title })}>↓</Button>
                <Button
                  variant="link"
                  onClick={() => !saving && void save(items.filter((x) => x !== item), t('curator.collections.removed', { title: item.title }))}
                  aria-label={t('curator.collections.removeNamed', { title: item.title })}
                >
                  {t('curator.collections.remove')}
                </Button>
                {item.status === 'published' && <UnpublishButton listingId={item.listingId} title={item.title} onDone={onChanged} />}
              </span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

/** Finds published listings through search (or takes a listing id) and adds them at the end. */
function AddListing({ collection, onAdded }: { collection: CollectionView; onAdded: () => void }) {
  const { t, lang } = useI18n();
  const [q, setQ] = useState('');
  const [asked, setAsked] = useState<string | null>(null);
  const { busy, run } = useAction();
  const results = useLoad(
    (signal) => (asked === null ? Promise.resolve({ hits: [] as Hit[] }) : api<{ hits: Hit[] }>('/search/listings', { query: { q: asked, limit: 10 }, signal })),
    [asked],
  );
  const has = new Set(collection.items.map((i) => i.listingId));
  const add = (listingId: string, title: string) =>
    void run(
      `add-${listingId}`,
      () => api(`/curation/collections/${collection.id}/items`, { method: 'PUT', body: { listingIds: [...collection.items.map((i) => i.listingId), listingId] } }),
      t('curator.collections.added', { title }),
    ).then((ok) => ok && onAdded());
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const text = q.trim();
    // A pasted listing id is added as is; anything else is a search.
    if (/^[0-9a-f-]{36}$/i.test(text)) return add(text, text);
    setAsked(text);
  };
  return (
    <section className="card curator-card" aria-labelledby="col-add">
      <h2 id="col-add">{t('curator.collections.add')}</h2>
      <form className="row" role="search" onSubmit={submit}>
        <TextField label={t('curator.collections.findListing')} hint={t('curator.collections.findHint')} value={q} onChange={(e) => setQ(e.target.value)} type="search" />
        <Button type="submit" variant="secondary">{t('curator.collections.find')}</Button>
      </form>
      {asked !== null &&
        (results.loading ? (
          <Loading />
        ) : results.error ? (
          <ErrorState error={new Error(explain(results.error))} onRetry={results.reload} />
        ) : results.data?.hits.length === 0 ? (
          <EmptyState>{t('curator.collections.noHits')}</EmptyState>
        ) : (
          <ul className="stack plain" aria-label={t('curator.collections.hits')}>
            {results.data?.hits.map((h) => (
              <li key={h.id} className="curator-item">
                <span>{localized(h.title, lang)} <span className="muted small">· {h.shop.name} · {formatRupiah(h.price.min)}</span></span>
                <Button
                  variant="secondary"
                  disabled={has.has(h.id)}
                  busy={busy === `add-${h.id}`}
                  onClick={() => add(h.id, localized(h.title, lang))}
                  aria-label={t(has.has(h.id) ? 'curator.collections.insideNamed' : 'curator.collections.addNamed', { title: localized(h.title, lang) })}
                >
                  {has.has(h.id) ? t('curator.collections.inside') : t('curator.collections.addOne')}
                </Button>
              </li>
            ))}
          </ul>
        ))}
    </section>
  );
}
