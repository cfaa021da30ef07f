import { FormEvent, useState } from 'react';
import { api, ApiError } from '../api';
import { useI18n } from '../i18n';
import { Button } from '../ui/button';
import { Select, TextField } from '../ui/fields';
import { ErrorState } from '../ui/status';
import { loadProvinces } from './provinces';
import type { Address } from './types';
import { useApi } from '../use-api';

const FIELDS = ['recipient', 'phone', 'street', 'district', 'city', 'postalCode'] as const;
type Draft = Record<(typeof FIELDS)[number] | 'province', string>;

/** A new address (POST /addresses); the API's per-field problems show under their inputs. */
export function AddressForm({ onSaved, onCancel }: { onSaved: (a: Address) => void; onCancel?: () => void }) {
  const { t } = useI18n();
  const provinces = useApi((signal) => loadProvinces(signal), []);
  const [draft, setDraft] = useState<Draft>({ recipient: '', phone: '', street: '', district: '', city: '', province: 'Bali', postalCode: '' });
  const [busy, setBusy] = useState(false);
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const missing = Object.fromEntries([...FIELDS, 'province'].filter((f) => !draft[f as keyof Draft].trim()).map((f) => [f, t('common.required')]));
    setProblems(missing);
    if (Object.keys(missing).length) return;
    setBusy(true);
    setError(null);
    try {
      onSaved(await api<Address>('/addresses', { method: 'POST', body: { ...draft, isDefault: true } }));
    } catch (err) {
      const details = err instanceof ApiError && Array.isArray(err.details) ? (err.details as Array<{ field?: string; messages?: string[] }>) : [];
      const byField = Object.fromEntries(details.filter((d) => d.field).map((d) => [d.field!, (d.messages ?? []).join('; ')]));
      setProblems(byField);
      if (!Object.keys(byField).length) setError(err);
    } finally {
      setBusy(false);
    }
  };

  const text = (name: (typeof FIELDS)[number], extra: Partial<Parameters<typeof TextField>[0]> = {}) => (
    <TextField label={t(`store.address.${name}`)} name={name} required value={draft[name]} error={problems[name]}
      onChange={(e) => setDraft({ ...draft, [name]: e.target.value })} {...extra} />
  );

  return (
    <form className="form" onSubmit={submit} noValidate aria-label={t('store.address.new')}>
      {text('recipient', { autoComplete: 'name' })}
      {text('phone', { type: 'tel', autoComplete: 'tel', hint: t('store.address.phoneHint') })}
      {text('street', { autoComplete: 'street-address' })}
      {text('district')}
      {text('city', { autoComplete: 'address-level2', hint: t('store.address.cityHint') })}
      <Select label={t('store.address.province')} name="province" required value={draft.province} error={problems.province}
        onChange={(e) => setDraft({ ...draft, province: e.target.value })}
        options={(provinces.data ?? [draft.province]).map((p) => ({ value: p, label: p }))} />
      {text('postalCode', { inputMode: 'numeric', autoComplete: 'postal-code' })}
      {error !== null && <ErrorState error={error} />}
      <div className="row">
        <Button type="submit" busy={busy}>{t('store.address.save')}</Button>
        {onCancel && <Button variant="secondary" onClick={onCancel}>{t('common.cancel')}</Button>}
      </div>
    </form>
  );
}
