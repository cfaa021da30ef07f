import { DomainError, ErrorCode } from '@pk/core';
import type {
  ChannelAttributeMapping,
  ChannelAttributeSpec,
  ChannelAttributeValue,
  ChannelCode,
  ChannelSalesAttributeMapping,
  ListingAttributeSource,
} from '../adapters/channel-adapter';

/** One thing wrong with a mapping or a listing's values, by the field a person corrects. */
export interface FieldIssue {
  field: string;
  message: string;
}

/** TikTok Shop takes at most three sales (variant) attributes per product. */
export const TIKTOK_SALES_ATTRIBUTES_MAX = 3;

const listOf = (spec: ChannelAttributeSpec) => {
  const names = spec.values.slice(0, 12).map((v) => v.name);
  return names.join(', ') + (spec.values.length > names.length ? ', …' : '');
};

/**
 * Values for one attribute, checked against the channel's data: an id must be one of the
 * attribute's values; a name alone is matched to one of them (case aside), and stands on its own
 * only where the attribute is customizable; one value unless the attribute takes several.
 */
export function checkValues(spec: ChannelAttributeSpec, values: ChannelAttributeValue[], field: string): { values: ChannelAttributeValue[]; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const out: ChannelAttributeValue[] = [];
  values.forEach((value, j) => {
    if (value.id !== undefined) {
      const known = spec.values.find((v) => v.id === value.id);
      if (!known) issues.push({ field: `${field}.${j}.id`, message: `not a value of ${spec.name}${spec.values.length ? `; choose one of: ${listOf(spec)}` : ''}` });
      else out.push({ id: known.id, name: known.name });
      return;
    }
    const named = spec.values.find((v) => v.name.trim().toLowerCase() === value.name.trim().toLowerCase());
    if (named) out.push({ ...(named.id !== undefined ? { id: named.id } : {}), name: named.name });
    else if (spec.customizable) out.push({ name: value.name.trim() });
    else issues.push({ field: `${field}.${j}.name`, message: `${spec.name} takes only its own values${spec.values.length ? `: choose one of: ${listOf(spec)}` : ''}` });
  });
  if (values.length > 1 && !spec.multiple) issues.push({ field, message: `${spec.name} takes one value` });
  return { values: out, issues };
}

export interface AttributeInput {
  id: string;
  values?: ChannelAttributeValue[];
  value?: string;
  from?: ListingAttributeSource;
}

export interface SalesAttributeInput {
  id: string;
  optionLabels: string[];
}

/**
 * A curator's mapping of a leaf category checked against its attributes, with the channel's data
 * (name, required, multiple, customizable, level, options) filled in from the cache, so the
 * adapters get everything they need from the stored mapping.
 */
export function buildMapping(
  channel: ChannelCode,
  specs: ChannelAttributeSpec[],
  attributes: AttributeInput[],
  salesAttributes: SalesAttributeInput[],
): { attributes: ChannelAttributeMapping[]; salesAttributes: ChannelSalesAttributeMapping[]; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const byId = new Map(specs.map((s) => [s.id, s]));
  const seen = new Set<string>();
  const mapped: ChannelAttributeMapping[] = [];
  attributes.forEach((a, i) => {
    const field = `attributes.${i}`;
    const spec = byId.get(a.id);
    if (!spec) return issues.push({ field: `${field}.id`, message: `not an attribute of this category; it has: ${specs.filter((s) => !s.sales).map((s) => `${s.id} (${s.name})`).join(', ') || 'none'}` });
    if (spec.sales) return issues.push({ field: `${field}.id`, message: `${spec.name} is a sales (variant) attribute: map it under salesAttributes` });
    if (seen.has(a.id)) return issues.push({ field: `${field}.id`, message: `${spec.name} is mapped twice` });
    seen.add(a.id);
    const given = [a.values?.length ? 'values' : null, a.value !== undefined ? 'value' : null, a.from ? 'from' : null].filter(Boolean);
    if (given.length > 1) return issues.push({ field, message: `set one of values, value or from, not ${given.join(' and ')}` });
    const base: ChannelAttributeMapping = {
      id: spec.id,
      name: spec.name,
      required: spec.required,
      multiple: spec.multiple,
      customizable: spec.customizable,
      level: spec.level,
      options: spec.values,
    };
    if (a.values?.length) {
      const checked = checkValues(spec, a.values, `${field}.values`);
      issues.push(...checked.issues);
      mapped.push({ ...base, values: checked.values });
    } else if (a.value !== undefined) {
      // The older free-text form: a value the channel lists is kept by its id.
      const checked = checkValues(spec, [{ name: a.value }], `${field}.value`);
      issues.push(...checked.issues.map((x) => ({ ...x, field: `${field}.value` })));
      mapped.push(checked.values[0]?.id !== undefined ? { ...base, values: checked.values } : { ...base, value: a.value });
    } else mapped.push({ ...base, ...(a.from ? { from: a.from } : {}) });
  });

  const sales: ChannelSalesAttributeMapping[] = [];
  const seenSales = new Set<string>();
  salesAttributes.forEach((s, i) => {
    const spec = byId.get(s.id);
    if (!spec || !spec.sales) {
      issues.push({ field: `salesAttributes.${i}.id`, message: `not a sales attribute of this category; it has: ${specs.filter((x) => x.sales).map((x) => `${x.id} (${x.name})`).join(', ') || 'none'}` });
      return;
    }
    if (seenSales.has(s.id)) return issues.push({ field: `salesAttributes.${i}.id`, message: `${spec.name} is mapped twice` });
    seenSales.add(s.id);
    sales.push({ id: spec.id, name: spec.name, optionLabels: s.optionLabels, options: spec.values, customizable: spec.customizable });
  });
  if (channel === 'tiktok_shop' && salesAttributes.length > TIKTOK_SALES_ATTRIBUTES_MAX) {
    issues.push({ field: 'salesAttributes', message: `TikTok Shop takes at most ${TIKTOK_SALES_ATTRIBUTES_MAX} sales attributes` });
  }
  return { attributes: mapped, salesAttributes: sales, issues };
}

/** A 400 naming every field at fault. */
export function issuesError(issues: FieldIssue[]): DomainError {
  const byField = new Map<string, string[]>();
  for (const i of issues) byField.set(i.field, [...(byField.get(i.field) ?? []), i.message]);
  const details = [...byField].map(([field, messages]) => ({ field, messages }));
  return new DomainError(ErrorCode.validationFailed, `Please correct: ${details.map((d) => d.field).join(', ')}.`, details);
}
