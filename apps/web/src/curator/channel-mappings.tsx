import { FormEvent, useRef, useState } from 'react';
import { Link } from 'wouter';
import { api } from '../api';
import { CategoryNode, leafOptions } from '../categories';
import {
  AttributeRule, AttributeSpec, AttributeValue, Channel, CHANNEL_SHORT, channelName, ChannelMappingView, CHANNELS, errorFor, FIELD_SOURCES, FieldSource,
  requiredFirst, SALES_ATTRIBUTE_MAX,
} from '../channels/channel-api';
import { useCheckedSave } from '../channels/checked-save';
import { Choice, choiceOf, valuesOf, ValuePicker } from '../channels/value-picker';
import { formatDateTime } from '../format';
import { useI18n } from '../i18n';
import { Button } from '../ui/button';
import { Select, TextField } from '../ui/fields';
import { toast } from '../ui/toast';
import { ChannelCategoryBrowser, PickedCategory } from './channel-category-browser';
import { explain, fieldErrors, useLoad } from './curator-api';
import { CuratorPage, LoadState } from './layout';

// Our craft categories mapped to each channel's leaf category: per attribute of that leaf a fixed
// value for every listing, a value taken from the listing, or left for the artisan; and which of our
// variant option labels fill the channel's sales attributes.

type Mode = 'artisan' | 'fixed' | 'field';
/** One attribute rule as PUT takes it (only the id: the artisan gives it). */
interface RuleBody { id: string; values?: AttributeValue[]; from?: FieldSource | '' }
interface RuleState { mode: Mode; choice: Choice; from: FieldSource | '' }

const splitLabels = (s: string) => s.split(',').map((x) => x.trim()).filter(Boolean);

/** Required attributes nobody fills in the mapping: each artisan must give them per listing. */
export const openRequired = (m: ChannelMappingView): number =>
  m.attributes.filter((a) => a.required && !a.values?.length && !a.value && !a.from).length;

function initialRule(spec: AttributeSpec, rule: AttributeRule | undefined): RuleState {
  const given = rule?.values?.length ? rule.values : rule?.value ? [{ name: rule.value }] : [];
  if (rule?.from) return { mode: 'field', choice: choiceOf(spec, []), from: rule.from };
  return { mode: given.length ? 'fixed' : 'artisan', choice: choiceOf(spec, given), from: '' };
}

function RuleFields({ spec, rule, error, onChange }: { spec: AttributeSpec; rule: RuleState; error?: string; onChange: (r: RuleState) => void }) {
  const { t } = useI18n();
  const errorId = `rule-${spec.id}-error`;
  return (
    <fieldset className="curator-rule stack" data-invalid={error ? 'true' : undefined} aria-describedby={error ? errorId : undefined}>
      <legend>{spec.name}{spec.required && <> <span className="channels-required">{t('channels.required')}</span></>}</legend>
      <div className="row curator-modes">
        {(['artisan', 'fixed', 'field'] as const).map((mode) => (
          <label key={mode} className="choice">
            <input type="radio" name={`mode-${spec.id}`} value={mode} checked={rule.mode === mode} onChange={() => onChange({ ...rule, mode })} />
            <span>{t(`curator.mapping.mode.${mode}`)}</span>
          </label>
        ))}
      </div>
      {rule.mode === 'fixed' && (
        <ValuePicker spec={spec} label={t('curator.mapping.fixedLabel', { name: spec.name })} required choice={rule.choice} error={error} onChange={(choice) => onChange({ ...rule, choice })} />
      )}
      {rule.mode === 'field' && (
        <Select label={t('curator.mapping.fromLabel')} value={rule.from} placeholder={t('channels.value.pick')} error={error}
          options={FIELD_SOURCES.map((f) => ({ value: f, label: t(`curator.mapping.from.${f}`) }))} onChange={(e) => onChange({ ...rule, from: e.target.value as FieldSource | '' })} />
      )}
      {rule.mode === 'artisan' && error && <span id={errorId} className="field-error" role="alert">{error}</span>}
      {rule.mode === 'artisan' && spec.required && <p className="muted small">{t('curator.mapping.artisanRequired')}</p>}
    </fieldset>
  );
}

/** The attributes of the chosen leaf and the save; its state starts from the existing mapping. */
function RulesEditor({ channel, categorySlug, ourName, category, specs, existing, onSaved }: {
  channel: Channel;
  categorySlug: string;
  ourName: string;
  category: PickedCategory;
  specs: AttributeSpec[];
  existing: ChannelMappingView | undefined;
  onSaved: () => void;
}) {
  const { t } = useI18n();
  const same = existing?.channelCategoryId === category.id ? existing : undefined;
  const plain = requiredFirst(specs.filter((s) => !s.sales));
  const sales = requiredFirst(specs.filter((s) => s.sales));
  const [rules, setRules] = useState<Record<string, RuleState>>(() =>
    Object.fromEntries(plain.map((s) => [s.id, initialRule(s, same?.attributes.find((r) => r.id === s.id))])));
  const [labels, setLabels] = useState<Record<string, string>>(() =>
    Object.fromEntries(sales.map((s) => [s.id, (same?.salesAttributes?.find((r) => r.id === s.id)?.optionLabels ?? []).join(', ')])));
  const { errors, formError, busy, formRef, save: checkedSave } = useCheckedSave();

  const max = SALES_ATTRIBUTE_MAX[channel];
  const salesUsed = sales.filter((s) => splitLabels(labels[s.id] ?? '').length > 0);

  function save(e: FormEvent) {
    e.preventDefault();
    const local: Record<string, string> = {};
    const attributes = plain.flatMap((s): RuleBody[] => {
      const r = rules[s.id];
      if (r.mode === 'fixed') {
        const values = valuesOf(s, r.choice);
        if (!values.length) local[`attr:${s.id}`] = t('curator.mapping.fixedMissing');
        return [{ id: s.id, values }];
      }
      if (r.mode === 'field') {
        if (!r.from) local[`attr:${s.id}`] = t('curator.mapping.fromMissing');
        return [{ id: s.id, from: r.from }];
      }
      // Sent bare, so the mapping records that artisans give it per listing (and counts the required ones).
      return [{ id: s.id }];
    });
    const salesAttributes = salesUsed.map((s) => ({ id: s.id, optionLabels: splitLabels(labels[s.id]) }));
    if (max !== undefined && salesUsed.length > max) {
      for (const s of salesUsed.slice(max)) local[`sales:${s.id}`] = t('curator.mapping.salesTooMany', { channel: CHANNEL_SHORT[channel], max });
    }
    return checkedSave(local, t('curator.mapping.fix'), async () => {
      await api<ChannelMappingView>(`/curation/channels/mappings/${channel}/${encodeURIComponent(categorySlug)}`, {
        method: 'PUT',
        body: { channelCategoryId: category.id, channelCategoryName: category.name, attributes, salesAttributes },
      });
      toast(t('curator.mapping.saved', { name: ourName, channel: CHANNEL_SHORT[channel] }));
      onSaved();
    }, (err) => {
      // The 400 names fields by their place in what was sent (attributes.2.values) or by the attribute's id.
      const fields = fieldErrors(err);
      const found: Record<string, string> = {};
      attributes.forEach((a, i) => {
        const m = errorFor(fields, `attributes.${i}`) ?? errorFor(fields, `attributes.${a.id}`);
        if (m) found[`attr:${a.id}`] = m;
      });
      salesAttributes.forEach((a, i) => {
        const m = errorFor(fields, `salesAttributes.${i}`) ?? errorFor(fields, `salesAttributes.${a.id}`);
        if (m) found[`sales:${a.id}`] = m;
      });
      const category = ['channelCategoryId', 'channelCategoryName', 'categorySlug'].map((f) => errorFor(fields, f)).filter(Boolean).join('; ');
      // A rule about the sales attributes together (TikTok's three) sits above them.
      if (fields.salesAttributes && sales[0]) found[`sales:${sales[0].id}`] = fields.salesAttributes;
      const summary = category ? t('curator.mapping.categoryError', { message: category }) : Object.keys(found).length ? t('curator.mapping.fix') : explain(err);
      return { errors: found, summary };
    });
  }

  return (
    <form ref={formRef} className="stack" onSubmit={(e) => void save(e)} noValidate aria-labelledby="mapping-rules">
      <h3 id="mapping-rules">{t('curator.mapping.attributes', { name: category.name })}</h3>
      <p className="muted">{t('curator.mapping.attributesIntro')}</p>
      {formError && <p className="field-error" role="alert">{formError}</p>}
      {plain.length === 0 && <p className="muted">{t('curator.mapping.noAttributes')}</p>}
      {plain.map((s) => (
        <RuleFields key={s.id} spec={s} rule={rules[s.id]} error={errors[`attr:${s.id}`]} onChange={(r) => setRules((all) => ({ ...all, [s.id]: r }))} />
      ))}
      {sales.length > 0 && (
        <fieldset className="stack curator-rule">
          <legend>{t('curator.mapping.sales')}</legend>
          <p className="field-hint">{t('curator.mapping.salesIntro')}</p>
          {max !== undefined && (
            <p className={salesUsed.length > max ? 'field-error' : 'small'} aria-live="polite">
              {t('curator.mapping.salesMax', { channel: CHANNEL_SHORT[channel], max, count: salesUsed.length })}
            </p>
          )}
          {sales.map((s) => (
            <div key={s.id} data-invalid={errors[`sales:${s.id}`] ? 'true' : undefined}>
              <TextField label={t('curator.mapping.salesLabel', { name: s.name })} hint={t('curator.mapping.salesHint')} value={labels[s.id] ?? ''}
                error={errors[`sales:${s.id}`]} onChange={(e) => setLabels((all) => ({ ...all, [s.id]: e.target.value }))} />
            </div>
          ))}
        </fieldset>
      )}
      <div><Button type="submit" busy={busy}>{t('curator.mapping.save')}</Button></div>
    </form>
  );
}

/** Choosing the channel's leaf for one of our categories, then its attributes. */
function MappingEditor({ channel, categorySlug, ourName, existing, onSaved }: {
  channel: Channel;
  categorySlug: string;
  ourName: string;
  existing: ChannelMappingView | undefined;
  onSaved: () => void;
}) {
  const { t } = useI18n();
  const [category, setCategory] = useState<PickedCategory | null>(() =>
    existing ? { id: existing.channelCategoryId, name: existing.channelCategoryName ?? existing.channelCategoryId } : null);
  const specs = useLoad(
    (signal) => (category
      ? api<{ items: AttributeSpec[]; fetchedAt: string }>(`/curation/channels/${channel}/categories/${encodeURIComponent(category.id)}/attributes`, { signal })
      : Promise.resolve(null)),
    [channel, category?.id],
  );
  return (
    <div className="stack">
      <ChannelCategoryBrowser channel={channel} picked={category} onPick={setCategory} />
      {category && (
        <LoadState state={specs}>
          {(d) => d && (
            <RulesEditor key={category.id} channel={channel} categorySlug={categorySlug} ourName={ourName} category={category} specs={d.items} existing={existing} onSaved={onSaved} />
          )}
        </LoadState>
      )}
      {!category && <p className="muted">{t('curator.mapping.pickLeafFirst')}</p>}
    </div>
  );
}

function MappingStatus({ mapping }: { mapping: ChannelMappingView }) {
  const { t } = useI18n();
  const open = openRequired(mapping);
  return open === 0
    ? <span className="status curator-status-active">{t('curator.mapping.complete')}</span>
    : <span className="status curator-status-pending">{t('curator.mapping.openRequired', { count: open })}</span>;
}

/** The category mapping screen: existing mappings of a channel, and the editor for one of our leaves. */
export function CategoryMappingPage() {
  const { t, lang } = useI18n();
  const [channel, setChannel] = useState<Channel>('tiktok_shop');
  const [slug, setSlug] = useState('');
  const ours = useLoad((signal) => api<CategoryNode[]>('/categories', { signal }), []);
  const mappings = useLoad((signal) => api<{ items: ChannelMappingView[] }>('/curation/channels/mappings', { query: { channel }, signal }), [channel]);
  const leaves = leafOptions(ours.data ?? [], lang);
  const ourName = (s: string) => leaves.find((l) => l.value === s)?.label ?? s;
  const editorRef = useRef<HTMLHeadingElement>(null);
  const edit = (s: string) => {
    setSlug(s);
    editorRef.current?.focus();
    editorRef.current?.scrollIntoView({ block: 'start' });
  };
  const existing = mappings.data?.items.find((m) => m.categorySlug === slug);
  return (
    <CuratorPage title={t('curator.mapping.title')}>
      <p><Link href="/channels">← {t('curator.channels.title')}</Link></p>
      <p>{t('curator.mapping.intro')}</p>
      <Select label={t('curator.mapping.channel')} value={channel} options={CHANNELS.map((c) => ({ value: c, label: channelName(c) }))}
        onChange={(e) => setChannel(e.target.value as Channel)} className="curator-narrow" />
      <section aria-labelledby="mapping-list" className="stack">
        <h2 id="mapping-list">{t('curator.mapping.existing', { channel: CHANNEL_SHORT[channel] })}</h2>
        <LoadState state={mappings} isEmpty={(d) => d.items.length === 0} empty={t('curator.mapping.noMappings', { channel: CHANNEL_SHORT[channel] })}>
          {(d) => (
            <ul className="plain">
              {d.items.map((m) => (
                <li key={m.categorySlug} className="curator-item">
                  <span>
                    <strong>{ourName(m.categorySlug)}</strong> → {m.channelCategoryName ?? m.channelCategoryId} <span className="muted small mono">{m.channelCategoryId}</span>
                    <br /><MappingStatus mapping={m} /> <span className="muted small">{t('curator.mapping.updated', { when: formatDateTime(m.updatedAt, lang) })}</span>
                  </span>
                  <Button variant="secondary" onClick={() => edit(m.categorySlug)} aria-label={t('curator.mapping.editNamed', { name: ourName(m.categorySlug) })}>{t('curator.mapping.edit')}</Button>
                </li>
              ))}
            </ul>
          )}
        </LoadState>
      </section>
      <section aria-labelledby="mapping-editor" className="stack curator-mapping-editor">
        <h2 id="mapping-editor" ref={editorRef} tabIndex={-1}>{t('curator.mapping.editor')}</h2>
        <Select label={t('curator.mapping.ours')} value={slug} placeholder={t('channels.value.pick')} options={leaves} onChange={(e) => setSlug(e.target.value)} className="curator-narrow" />
        {slug && mappings.data && (
          <MappingEditor key={`${channel}:${slug}`} channel={channel} categorySlug={slug} ourName={ourName(slug)} existing={existing} onSaved={mappings.reload} />
        )}
      </section>
    </CuratorPage>
  );
}
