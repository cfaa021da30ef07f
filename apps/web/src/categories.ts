// Our craft taxonomy as GET /categories gives it; listings and channel mappings use its leaves.
import { localized } from './i18n';
import type { Option } from './ui/fields';

import type { CategoryNode } from '@pk/contracts';
export type { CategoryNode } from '@pk/contracts';

/** Leaves of the taxonomy as "Kain tenun › Endek": listings are filed under leaves only. */
export function leafOptions(nodes: CategoryNode[], lang: 'id' | 'en', path: string[] = []): Option[] {
  return nodes.flatMap((n) => {
    const here = [...path, localized(n.name, lang)];
    return n.children.length ? leafOptions(n.children, lang, here) : [{ value: n.slug, label: here.join(' › ') }];
  });
}
