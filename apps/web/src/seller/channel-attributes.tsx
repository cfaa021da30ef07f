import { FormEvent, useState } from 'react';
import { api, ApiError } from '../api';
import { AttributeValue, Channel, channelName, errorFor, ListingChannelAttribute, ListingChannelAttributesView, requiredFirst } from '../channels/channel-api';
import { useCheckedSave } from '../channels/checked-save';
import { Choice, choiceOf, valuesOf, ValuePicker } from '../channels/value-picker';
import { useI18n } from '../i18n';
import { Button } from '../ui/button';
import { toast } from '../ui/toast';
import { LoadState } from './layout';
import { explain, fieldErrors, useLoad } from './seller-api';

// What TikTok Shop and Lazada ask of a listing beyond our own fields, per the channel category its
// craft is mapped to: the artisan picks from the channel's values (typing only where the channel
// allows it); what the curator fixed, what comes from the listing and the variants is shown only.

const editable = (a: ListingChannelAttribute) => !a.sales && a.source !== 'mapping' && a.source !== 'field';
const givenValue = (a: ListingChannelAttribute) => (a.source === 'listing' || a.source === null ? a.value ?? [] : []);

/** What the listing already gives an attribute: the curator's fixed value, its own fields, its variants. */
function GivenValue({ a, error }: { a: ListingChannelAttribute; error?: string }) {
  const { t } = useI18n();
  const note = a.sales ? t('seller.attrs.fromVariants') : a.source === 'mapping' ? t('seller.attrs.fromCurator') : t('seller.attrs.fromField');
  const shown = (a.value ?? []).map((v) => v.name).join(', ');
  return (
    <div className="seller-attr-given">
      <span className="channels-attr-name">{a.name}{a.required && <> <span className="channels-required">{t('channels.required')}</span></>}</span>
      <span>{shown || '—'} <span className="chip">{note}</span></span>
      {error && <span className="field-error" role="alert">{error}</span>}
    </div>
  );
}

function ChannelAttributeForm({ listingId, channel, categoryName, attributes, onSaved }: {
  listingId: string;
  channel: Channel;
  categoryName: string | null;
  attributes: ListingChannelAttribute[];
  onSaved: () => void;
}) {
  const { t } = useI18n();
  const name = channelName(channel);
  const [choices, setChoices] = useState<Record<string, Choice>>(() => Object.fromEntries(attributes.filter(editable).map((a) => [a.id, choiceOf(a, givenValue(a))])));
  const { errors, formError, busy, formRef, save: checkedSave } = useCheckedSave();

  function save(e: FormEvent) {
    e.preventDefault();
    const values: Record<string, AttributeValue[]> = {};
    const missing: Record<string, string> = {};
    for (const a of attributes.filter(editable)) {
      const v = valuesOf(a, choices[a.id]);
      if (v.length) values[a.id] = v;
      else if (a.required) missing[a.id] = t('seller.attrs.missing', { channel: name });
    }
    return checkedSave(missing, t('seller.listing.fix'), async () => {
      await api(`/channels/listings/${listingId}/attributes/${channel}`, { method: 'PUT', body: { values } });
      toast(t('seller.attrs.saved', { channel: name }));
      onSaved();
    }, (err) => {
      // The 400 names each attribute's values: values.<attribute id>(.0.name).
      const fields = fieldErrors(err);
      const byAttr = Object.fromEntries(attributes.map((a) => [a.id, errorFor(fields, `values.${a.id}`)]).filter((e): e is [string, string] => !!e[1]));
      return { errors: byAttr, summary: Object.keys(byAttr).length ? t('seller.listing.fix') : explain(err) };
    });
  }

  return (
    <form ref={formRef} className="card seller-card stack seller-attrs" onSubmit={(e) => void save(e)} noValidate aria-label={t('seller.attrs.formLabel', { channel: name })}>
      <h3 className="card-title">{name}</h3>
      {categoryName && <p className="muted small">{t('seller.attrs.category', { channel: name, name: categoryName })}</p>}
      {formError && <p className="field-error" role="alert">{formError}</p>}
      {requiredFirst(attributes).map((a) => (
        <div key={a.id} data-invalid={errors[a.id] ? 'true' : undefined}>
          {editable(a)
            ? <ValuePicker spec={a} label={a.required ? `${a.name} (${t('channels.required')})` : a.name} required={a.required} choice={choices[a.id]} error={errors[a.id]}
                onChange={(c) => setChoices((all) => ({ ...all, [a.id]: c }))} />
            : <GivenValue a={a} error={errors[a.id]} />}
        </div>
      ))}
      <div><Button type="submit" busy={busy}>{t('seller.attrs.save', { channel: name })}</Button></div>
    </form>
  );
}

/** The listing's channel attributes, one form per channel its category is mapped on (published listings only: only they go to the channels). */
export function ChannelAttributes({ listingId, published }: { listingId: string; published: boolean }) {
  const { t } = useI18n();
  if (!published) {
    return (
      <section aria-labelledby="channel-attributes" className="stack seller-form">
        <h2 id="channel-attributes">{t('seller.attrs.title')}</h2>
        <p className="muted">{t('seller.attrs.afterPublish')}</p>
      </section>
    );
  }
  return <PublishedAttributes listingId={listingId} />;
}

function PublishedAttributes({ listingId }: { listingId: string }) {
  const { t } = useI18n();
  // No channel record of the listing yet (never exported) reads as nothing mapped.
  const state = useLoad((signal) => api<ListingChannelAttributesView>(`/channels/listings/${listingId}/attributes`, { signal })
    .catch((e: unknown) => (e instanceof ApiError && e.status === 404 ? { listingId, items: [] } : Promise.reject(e))), [listingId]);
  return (
    <section aria-labelledby="channel-attributes" className="stack seller-form">
      <h2 id="channel-attributes">{t('seller.attrs.title')}</h2>
      <p className="muted">{t('seller.attrs.intro')}</p>
      <LoadState state={state} isEmpty={(d) => d.items.length === 0} empty={t('seller.attrs.none')}>
        {(d) => (
          <>
            {d.items.map((item) => (
              <ChannelAttributeForm key={`${item.channel}-${item.categoryId}`} listingId={listingId} channel={item.channel}
                categoryName={item.categoryName} attributes={item.attributes} onSaved={state.reload} />
            ))}
          </>
        )}
      </LoadState>
    </section>
  );
}
