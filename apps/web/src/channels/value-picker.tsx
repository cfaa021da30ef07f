import './channels.css';
import './messages';
import { useI18n } from '../i18n';
import { Checkbox, Select, TextField } from '../ui/fields';
import { AttributeSpec, AttributeValue } from './channel-api';

// Choosing values of one channel attribute, for an artisan's listing or a curator's fixed value:
// a select (one value) or checkboxes (several) from the channel's list, and typing only where the
// channel takes names of its own (customizable).

const OTHER = '__other';

/** The choice: the channel's values by key, typed names where allowed, and whether "other" is picked. */
export interface Choice { keys: string[]; typed: string; other: boolean }

type Spec = Pick<AttributeSpec, 'id' | 'name' | 'multiple' | 'customizable' | 'values'>;

export const valueKey = (v: AttributeValue): string => v.id ?? v.name;
const splitNames = (s: string) => s.split(',').map((x) => x.trim()).filter(Boolean);

/** The choice that shows `given` (values known to the channel by key, the rest as typed text). */
export function choiceOf(spec: Spec, given: AttributeValue[]): Choice {
  const known = new Set(spec.values.map(valueKey));
  const typed = given.filter((v) => !known.has(valueKey(v))).map((v) => v.name).join(', ');
  return { keys: given.filter((v) => known.has(valueKey(v))).map(valueKey), typed, other: typed !== '' || spec.values.length === 0 };
}

/** The values to send: the channel's ({id, name}) and, where customizable, typed names ({name}). */
export function valuesOf(spec: Spec, c: Choice): AttributeValue[] {
  const chosen = c.keys.flatMap((k) => spec.values.filter((v) => valueKey(v) === k)).map((v) => (v.id ? { id: v.id, name: v.name } : { name: v.name }));
  if (!spec.customizable) return spec.multiple ? chosen : chosen.slice(0, 1);
  if (spec.multiple) return [...chosen, ...splitNames(c.typed).map((name) => ({ name }))];
  return c.other ? (c.typed.trim() ? [{ name: c.typed.trim() }] : []) : chosen.slice(0, 1);
}

export function ValuePicker({ spec, label, required = false, choice, error, onChange }: {
  spec: Spec;
  /** The visible label (it says "required" in words where it is). */
  label: string;
  required?: boolean;
  choice: Choice;
  error?: string;
  onChange: (c: Choice) => void;
}) {
  const { t } = useI18n();
  const typedField = (shownLabel: string, err?: string) => (
    <TextField label={shownLabel} hint={spec.multiple ? t('channels.value.commaHint') : undefined} value={choice.typed} error={err}
      aria-required={required && spec.values.length === 0 ? true : undefined} onChange={(e) => onChange({ ...choice, typed: e.target.value })} />
  );
  if (spec.values.length === 0) {
    return spec.customizable ? typedField(label, error) : (
      <div className="field">
        <span className="channels-attr-name">{label}</span>
        <span className="field-hint">{t('channels.value.noOptions')}</span>
        {error && <span className="field-error" role="alert">{error}</span>}
      </div>
    );
  }
  if (spec.multiple) {
    const errorId = `attr-${spec.id}-error`;
    return (
      <fieldset className="channels-choices" aria-describedby={error ? errorId : undefined}>
        <legend>{label}</legend>
        <div className={spec.values.length > 10 ? 'channels-choices-scroll' : undefined}>
          {spec.values.map((v) => (
            <Checkbox key={valueKey(v)} label={v.name} checked={choice.keys.includes(valueKey(v))}
              onChange={(e) => onChange({ ...choice, keys: e.target.checked ? [...choice.keys, valueKey(v)] : choice.keys.filter((k) => k !== valueKey(v)) })} />
          ))}
        </div>
        {spec.customizable && typedField(t('channels.value.otherValue', { name: spec.name }))}
        {error && <span id={errorId} className="field-error" role="alert">{error}</span>}
      </fieldset>
    );
  }
  const typing = spec.customizable && choice.other;
  const options = [...spec.values.map((v) => ({ value: valueKey(v), label: v.name })), ...(spec.customizable ? [{ value: OTHER, label: t('channels.value.other') }] : [])];
  return (
    <div className="stack channels-single">
      <Select label={label} aria-required={required || undefined} value={typing ? OTHER : choice.keys[0] ?? ''} placeholder={t('channels.value.pick')} options={options} error={typing ? undefined : error}
        onChange={(e) => onChange(e.target.value === OTHER ? { ...choice, keys: [], other: true } : { keys: e.target.value ? [e.target.value] : [], typed: '', other: false })} />
      {typing && typedField(t('channels.value.otherValue', { name: spec.name }), error)}
    </div>
  );
}
