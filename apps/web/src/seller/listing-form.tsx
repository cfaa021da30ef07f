import { FormEvent, useId } from 'react';
import { api } from '../api';
import { formatRupiah } from '../format';
import { leafOptions } from '../categories';
import { useI18n } from '../i18n';
import { Button } from '../ui/button';
import { Checkbox, Select, TextArea, TextField } from '../ui/fields';
import { ListingValues, newVariant, rupiahDigits, VariantValues } from './listing-values';
import { CategoryNode, useLoad } from './seller-api';

const pricePreview = (s: string) => (/^\d+$/.test(rupiahDigits(s)) && rupiahDigits(s) !== '0' ? formatRupiah(rupiahDigits(s)) : undefined);

function VariantFields({ index, v, errors, onChange, onRemove }: {
  index: number;
  v: VariantValues;
  errors: Record<string, string>;
  onChange: (v: VariantValues) => void;
  onRemove?: () => void;
}) {
  const { t } = useI18n();
  const err = (f: string) => errors[`variants.${index}.${f}`];
  const setOption = (i: number, patch: Partial<VariantValues['options'][number]>) =>
    onChange({ ...v, options: v.options.map((o, j) => (j === i ? { ...o, ...patch } : o)) });
  return (
    <fieldset className="seller-fieldset seller-variant">
      <legend>{t('seller.variant.legend', { n: index + 1 })}</legend>
      <p className="field-hint">{t('seller.variant.optionHint')}</p>
      {v.options.map((o, i) => (
        <div className="seller-pair" key={i}>
          <TextField label={t('seller.variant.optionName')} value={o.name} onChange={(e) => setOption(i, { name: e.target.value })} />
          <TextField label={t('seller.variant.optionValue')} value={o.value} onChange={(e) => setOption(i, { value: e.target.value })} />
        </div>
      ))}
      {err('options') && <p className="field-error" role="alert">{err('options')}</p>}
      {v.options.length < 5 && (
        <Button variant="link" onClick={() => onChange({ ...v, options: [...v.options, { name: '', value: '' }] })}>{t('seller.variant.addOption')}</Button>
      )}
      <TextField label={t('seller.variant.sku')} hint={t('seller.variant.skuHint')} required value={v.sku} error={err('sku')} onChange={(e) => onChange({ ...v, sku: e.target.value })} />
      <TextField
        label={t('seller.variant.price')} hint={pricePreview(v.price) ?? t('seller.variant.priceHint')} required inputMode="numeric"
        value={v.price} error={err('price')} onChange={(e) => onChange({ ...v, price: e.target.value })}
      />
      <TextField label={t('seller.variant.stock')} required inputMode="numeric" value={v.stock} error={err('stock')} onChange={(e) => onChange({ ...v, stock: e.target.value })} />
      {onRemove && <Button variant="danger" onClick={onRemove}>{t('seller.variant.remove', { n: index + 1 })}</Button>}
    </fieldset>
  );
}

/** The fields of a listing and its variants; the page decides what saving means. */
export function ListingForm({ values, onChange, errors, busy, submitLabel, onSubmit }: {
  values: ListingValues;
  onChange: (v: ListingValues) => void;
  errors: Record<string, string>;
  busy: boolean;
  submitLabel: string;
  onSubmit: () => void;
}) {
  const { t, lang } = useI18n();
  const categories = useLoad((signal) => api<CategoryNode[]>('/categories', { signal }), []);
  const regencies = useLoad((signal) => api<Array<{ slug: string; name: string }>>('/regencies', { signal }), []);
  const packageHint = useId();
  const set = (patch: Partial<ListingValues>) => onChange({ ...values, ...patch });
  const setVariant = (i: number, v: VariantValues) => set({ variants: values.variants.map((x, j) => (j === i ? v : x)) });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSubmit();
  };
  return (
    <form className="form seller-form" onSubmit={submit} noValidate aria-label={submitLabel}>
      <TextField label={t('seller.listing.titleId')} required value={values.titleId} error={errors['title.id']} onChange={(e) => set({ titleId: e.target.value })} />
      <TextField label={t('seller.listing.titleEn')} value={values.titleEn} error={errors['title.en']} onChange={(e) => set({ titleEn: e.target.value })} />
      <TextArea label={t('seller.listing.descriptionId')} required rows={5} value={values.descriptionId} error={errors['description.id']} onChange={(e) => set({ descriptionId: e.target.value })} />
      <TextArea label={t('seller.listing.descriptionEn')} rows={4} value={values.descriptionEn} error={errors['description.en']} onChange={(e) => set({ descriptionEn: e.target.value })} />
      <Select
        label={t('seller.listing.category')} required value={values.category} error={errors.category} placeholder={t('seller.listing.pick')}
        options={leafOptions(categories.data ?? [], lang)} onChange={(e) => set({ category: e.target.value })}
      />
      <Select
        label={t('seller.listing.regency')} required value={values.regency} error={errors.regency} placeholder={t('seller.listing.pick')}
        options={(regencies.data ?? []).map((r) => ({ value: r.slug, label: r.name }))} onChange={(e) => set({ regency: e.target.value })}
      />
      <TextField label={t('seller.listing.materials')} hint={t('seller.listing.commaHint')} value={values.materials} error={errors.materials} onChange={(e) => set({ materials: e.target.value })} />
      <TextField label={t('seller.listing.techniques')} hint={t('seller.listing.commaHint')} value={values.techniques} error={errors.techniques} onChange={(e) => set({ techniques: e.target.value })} />
      <fieldset className="seller-fieldset">
        <legend>{t('seller.listing.package')}</legend>
        <div className="seller-dims">
          <TextField label={t('seller.listing.length')} required inputMode="decimal" value={values.length} error={errors['dimensionsCm.length']} onChange={(e) => set({ length: e.target.value })} />
          <TextField label={t('seller.listing.width')} required inputMode="decimal" value={values.width} error={errors['dimensionsCm.width']} onChange={(e) => set({ width: e.target.value })} />
          <TextField label={t('seller.listing.height')} required inputMode="decimal" value={values.height} error={errors['dimensionsCm.height']} onChange={(e) => set({ height: e.target.value })} />
        </div>
        <TextField label={t('seller.listing.weight')} required inputMode="numeric" value={values.weightGrams} error={errors.weightGrams} onChange={(e) => set({ weightGrams: e.target.value })} />
        {/* A cloth ships folded: channels and couriers measure the parcel, not the piece. */}
        <fieldset className="seller-fieldset" aria-describedby={packageHint}>
          <legend>{t('seller.listing.packageSize')}</legend>
          <p className="field-hint" id={packageHint}>{t('seller.listing.packageHint')}</p>
          {errors.packageCm && <p className="field-error" role="alert">{errors.packageCm}</p>}
          <div className="seller-dims">
            <TextField label={t('seller.listing.packageLength')} inputMode="decimal" value={values.packageLength} error={errors['packageCm.length']} onChange={(e) => set({ packageLength: e.target.value })} />
            <TextField label={t('seller.listing.packageWidth')} inputMode="decimal" value={values.packageWidth} error={errors['packageCm.width']} onChange={(e) => set({ packageWidth: e.target.value })} />
            <TextField label={t('seller.listing.packageHeight')} inputMode="decimal" value={values.packageHeight} error={errors['packageCm.height']} onChange={(e) => set({ packageHeight: e.target.value })} />
          </div>
        </fieldset>
      </fieldset>
      <Checkbox label={t('seller.listing.handmade')} checked={values.handmade} onChange={(e) => set({ handmade: e.target.checked })} />
      <TextField
        label={t('seller.listing.leadTime')} hint={t('seller.listing.leadTimeHint')} inputMode="numeric"
        value={values.leadTimeDays} error={errors.leadTimeDays} onChange={(e) => set({ leadTimeDays: e.target.value })}
      />
      <h2>{t('seller.listing.variants')}</h2>
      {errors.variants && <p className="field-error" role="alert">{errors.variants}</p>}
      {values.variants.map((v, i) => (
        <VariantFields
          key={v.id ?? `new-${i}`} index={i} v={v} errors={errors} onChange={(x) => setVariant(i, x)}
          onRemove={values.variants.length > 1 ? () => set({ variants: values.variants.filter((_, j) => j !== i) }) : undefined}
        />
      ))}
      <Button variant="secondary" onClick={() => set({ variants: [...values.variants, newVariant()] })}>{t('seller.variant.add')}</Button>
      <Button type="submit" busy={busy}>{submitLabel}</Button>
    </form>
  );
}
