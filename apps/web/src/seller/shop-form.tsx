import { FormEvent, useState } from 'react';
import { api, ApiError } from '../api';
import { localized, useI18n } from '../i18n';
import { Button } from '../ui/button';
import { Checkbox, Select, TextArea, TextField } from '../ui/fields';
import { ArtisanProfile, CategoryNode, explain, fieldErrors, useLoad } from './seller-api';

export interface ShopValues {
  shopName: string;
  shopSlug: string;
  story: string;
  regency: string;
  craftTypes: string[];
  nib: string;
  bankName: string;
  accountName: string;
  accountNumber: string;
}

const empty: ShopValues = { shopName: '', shopSlug: '', story: '', regency: '', craftTypes: [], nib: '', bankName: '', accountName: '', accountNumber: '' };

export function shopValues(a: ArtisanProfile | null): ShopValues {
  if (!a) return empty;
  return {
    shopName: a.shopName, shopSlug: a.shopSlug, story: a.story, regency: a.regency, craftTypes: a.craftTypes, nib: a.nib ?? '',
    bankName: a.bankAccount.bankName, accountName: a.bankAccount.accountName, accountNumber: a.bankAccount.accountNumber,
  };
}

/** A shop name as an address: "Tenun Ayu Sidemen" → tenun-ayu-sidemen. */
const slugOf = (name: string) => name.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60);

/**
 * The shop's profile, to apply (POST /artisans) or to edit (PATCH /artisans/me). The address is
 * fixed once the shop is verified, so it is read-only then.
 */
export function ShopForm({ initial, mode, slugLocked, onSaved }: { initial: ShopValues; mode: 'apply' | 'edit'; slugLocked: boolean; onSaved: (a: ArtisanProfile) => void }) {
  const { t, lang } = useI18n();
  const [v, setV] = useState<ShopValues>(initial);
  const [slugTouched, setSlugTouched] = useState(mode === 'edit');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const regencies = useLoad((signal) => api<Array<{ slug: string; name: string }>>('/regencies', { signal }), []);
  const categories = useLoad((signal) => api<CategoryNode[]>('/categories', { signal }), []);
  const errs = fieldErrors(error);
  const set = (patch: Partial<ShopValues>) => setV((x) => ({ ...x, ...patch }));

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const body: Record<string, unknown> = {
      shopName: v.shopName, story: v.story, regency: v.regency, craftTypes: v.craftTypes, nib: v.nib.trim() || null,
      bankAccount: { bankName: v.bankName, accountName: v.accountName, accountNumber: v.accountNumber },
    };
    if (!slugLocked) body.shopSlug = v.shopSlug;
    try {
      const saved = await api<ArtisanProfile>(mode === 'apply' ? '/artisans' : '/artisans/me', { method: mode === 'apply' ? 'POST' : 'PATCH', body });
      onSaved(saved);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  const toggleCraft = (slug: string, on: boolean) => set({ craftTypes: on ? [...v.craftTypes, slug] : v.craftTypes.filter((s) => s !== slug) });

  return (
    <form className="form seller-form" onSubmit={submit} noValidate>
      {error instanceof ApiError && <p className="field-error" role="alert">{explain(error)}</p>}
      <TextField
        label={t('seller.shop.name')} required value={v.shopName} error={errs.shopName}
        onChange={(e) => set({ shopName: e.target.value, ...(slugTouched ? {} : { shopSlug: slugOf(e.target.value) }) })}
      />
      <TextField
        label={t('seller.shop.slug')} hint={t('seller.shop.slugHint')} required value={v.shopSlug} error={errs.shopSlug}
        readOnly={slugLocked} onChange={(e) => { setSlugTouched(true); set({ shopSlug: e.target.value }); }}
      />
      <TextArea label={t('seller.shop.story')} hint={t('seller.shop.storyHint')} required rows={5} value={v.story} error={errs.story} onChange={(e) => set({ story: e.target.value })} />
      <Select
        label={t('seller.shop.regency')} required value={v.regency} error={errs.regency} placeholder={t('seller.shop.regencyPick')}
        options={(regencies.data ?? []).map((r) => ({ value: r.slug, label: r.name }))} onChange={(e) => set({ regency: e.target.value })}
      />
      <fieldset className="seller-fieldset" aria-describedby={errs.craftTypes ? 'craft-error' : undefined}>
        <legend>{t('seller.shop.crafts')}</legend>
        {(categories.data ?? []).map((c) => (
          <Checkbox key={c.slug} label={localized(c.name, lang)} checked={v.craftTypes.includes(c.slug)} onChange={(e) => toggleCraft(c.slug, e.target.checked)} />
        ))}
        {errs.craftTypes && <span id="craft-error" className="field-error" role="alert">{errs.craftTypes}</span>}
      </fieldset>
      <TextField label={t('seller.shop.nib')} hint={t('seller.shop.nibHint')} inputMode="numeric" value={v.nib} error={errs.nib} onChange={(e) => set({ nib: e.target.value })} />
      <fieldset className="seller-fieldset">
        <legend>{t('seller.shop.bank')}</legend>
        <TextField label={t('seller.shop.bankName')} required value={v.bankName} error={errs['bankAccount.bankName']} onChange={(e) => set({ bankName: e.target.value })} />
        <TextField label={t('seller.shop.accountName')} required value={v.accountName} error={errs['bankAccount.accountName']} onChange={(e) => set({ accountName: e.target.value })} />
        <TextField label={t('seller.shop.accountNumber')} required inputMode="numeric" value={v.accountNumber} error={errs['bankAccount.accountNumber']} onChange={(e) => set({ accountNumber: e.target.value })} />
      </fieldset>
      <Button type="submit" busy={busy}>{mode === 'apply' ? t('seller.apply.submit') : t('common.save')}</Button>
    </form>
  );
}
