import { FormEvent, useState } from 'react';
import { Link, useLocation } from 'wouter';
import { api } from '../api';
import { formatDateTime } from '../format';
import { localized, useI18n } from '../i18n';
import { Button } from '../ui/button';
import { TextArea, TextField } from '../ui/fields';
import { toast } from '../ui/toast';
import { CollectionView, explain, fieldErrors, useLoad } from './curator-api';
import { CuratorPage, LoadState, StateBadge, useAction } from './layout';

export interface CollectionFields { slug: string; titleId: string; titleEn: string; descriptionId: string; descriptionEn: string }

export const fieldsOf = (c: CollectionView): CollectionFields => ({
  slug: c.slug,
  titleId: c.title.id,
  titleEn: c.title.en ?? '',
  descriptionId: c.description.id,
  descriptionEn: c.description.en ?? '',
});

export const bodyOf = (f: CollectionFields) => ({
  slug: f.slug.trim(),
  title: { id: f.titleId, en: f.titleEn || null },
  description: { id: f.descriptionId, en: f.descriptionEn || null },
});

/** Slug, titles and descriptions in both languages; server errors shown on their field. */
export function CollectionForm({ initial, submitLabel, onSubmit }: { initial: CollectionFields; submitLabel: string; onSubmit: (f: CollectionFields) => Promise<void> }) {
  const { t } = useI18n();
  const [f, setF] = useState(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const set = (key: keyof CollectionFields) => (e: { target: { value: string } }) => setF({ ...f, [key]: e.target.value });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    try {
      await onSubmit(f);
      setErrors({});
    } catch (error) {
      const fields = fieldErrors(error);
      setErrors(fields);
      if (Object.keys(fields).length === 0) toast(explain(error), 'error');
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="form" onSubmit={(e) => void submit(e)} noValidate>
      <TextField label={t('curator.collections.titleId')} value={f.titleId} onChange={set('titleId')} error={errors['title.id']} required />
      <TextField label={t('curator.collections.titleEn')} value={f.titleEn} onChange={set('titleEn')} error={errors['title.en']} lang="en" />
      <TextField label={t('curator.collections.slug')} hint={t('curator.collections.slugHint')} value={f.slug} onChange={set('slug')} error={errors.slug} required />
      <TextArea label={t('curator.collections.descriptionId')} value={f.descriptionId} onChange={set('descriptionId')} error={errors['description.id']} required rows={3} />
      <TextArea label={t('curator.collections.descriptionEn')} value={f.descriptionEn} onChange={set('descriptionEn')} error={errors['description.en']} rows={3} lang="en" />
      <Button type="submit" busy={busy}>{submitLabel}</Button>
    </form>
  );
}

/** Every collection in the order buyers see them; reorder with buttons; create a new one. */
export function CollectionsPage() {
  const { t, lang } = useI18n();
  const [, navigate] = useLocation();
  const list = useLoad((signal) => api<{ items: CollectionView[] }>('/curation/collections', { signal }), []);
  const { busy, run } = useAction();
  const [creating, setCreating] = useState(false);
  const move = (items: CollectionView[], index: number, by: -1 | 1) => {
    if (busy) return;
    const ids = items.map((c) => c.id);
    [ids[index], ids[index + by]] = [ids[index + by], ids[index]];
    void run(`move-${ids[index + by]}`, () => api('/curation/collections/order', { method: 'PUT', body: { ids } }), t('curator.collections.reordered')).then(
      (ok) => ok && list.reload(),
    );
  };
  return (
    <CuratorPage title={t('curator.collections.title')}>
      <div className="row">
        <Button onClick={() => setCreating(!creating)} aria-expanded={creating}>{t('curator.collections.new')}</Button>
      </div>
      {creating && (
        <section aria-labelledby="new-collection" className="card curator-card">
          <h2 id="new-collection">{t('curator.collections.new')}</h2>
          <CollectionForm
            initial={{ slug: '', titleId: '', titleEn: '', descriptionId: '', descriptionEn: '' }}
            submitLabel={t('curator.collections.create')}
            onSubmit={async (f) => {
              const made = await api<CollectionView>('/curation/collections', { method: 'POST', body: bodyOf(f) });
              toast(t('curator.collections.created'));
              navigate(`/collections/${made.id}`);
            }}
          />
        </section>
      )}
      <LoadState state={list} isEmpty={(l) => l.items.length === 0} empty={t('curator.collections.empty')}>
        {(l) => (
          <ol className="stack plain">
            {l.items.map((c, i) => (
              <li key={c.id} className="card curator-card">
                <h2 className="card-title">
                  <Link href={`/collections/${c.id}`}>{localized(c.title, lang)}</Link>{' '}
                  <StateBadge group="collection" value={c.published ? 'published' : 'draft'} />
                </h2>
                <p className="muted small">
                  {t('curator.collections.itemCount', { count: c.items.length })} · {t('curator.collections.updated', { at: formatDateTime(c.updatedAt) })}
                </p>
                <div className="row">
                  <Button variant="secondary" disabled={i === 0} onClick={() => move(l.items, i, -1)} aria-label={t('curator.moveUpNamed', { name: localized(c.title, lang) })}>↑ {t('curator.moveUp')}</Button>
                  <Button variant="secondary" disabled={i === l.items.length - 1} onClick={() => move(l.items, i, 1)} aria-label={t('curator.moveDownNamed', { name: localized(c.title, lang) })}>↓ {t('curator.moveDown')}</Button>
                </div>
              </li>
            ))}
          </ol>
        )}
      </LoadState>
    </CuratorPage>
  );
}
