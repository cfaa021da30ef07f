import { useMemo, useState } from 'react';
import { api } from '../api';
import { CategoryNodeView, Channel, CHANNEL_SHORT } from '../channels/channel-api';
import { formatDateTime } from '../format';
import { useI18n } from '../i18n';
import { Button } from '../ui/button';
import { TextField } from '../ui/fields';
import { useLoad } from './curator-api';
import { LoadState } from './layout';

// A channel's category tree (thousands of nodes on TikTok Shop): browsed a level at a time, or
// searched by name; only leaves can be chosen, as the channels file products under leaves only.

const SEARCH_MAX = 50;

export interface PickedCategory { id: string; name: string }

interface Tree {
  children: Map<string | null, CategoryNodeView[]>;
  path: (node: CategoryNodeView) => string;
  leaves: CategoryNodeView[];
}

function buildTree(nodes: CategoryNodeView[]): Tree {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const children = new Map<string | null, CategoryNodeView[]>();
  for (const n of nodes) {
    const parent = n.parentId && byId.has(n.parentId) ? n.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), n]);
  }
  const paths = new Map<string, string>();
  const path = (node: CategoryNodeView): string => {
    const known = paths.get(node.id);
    if (known) return known;
    const parent = node.parentId ? byId.get(node.parentId) : undefined;
    const text = parent ? `${path(parent)} › ${node.name}` : node.name;
    paths.set(node.id, text);
    return text;
  };
  return { children, path, leaves: nodes.filter((n) => n.leaf) };
}

function LeafChoice({ node, label, channel, picked, onPick }: { node: CategoryNodeView; label: string; channel: Channel; picked: string | null; onPick: (c: PickedCategory) => void }) {
  return (
    <label className="choice">
      <input type="radio" name={`category-${channel}`} value={node.id} checked={picked === node.id} onChange={() => onPick({ id: node.id, name: label })} />
      <span>{label} <span className="muted small mono">{node.id}</span></span>
    </label>
  );
}

/** One level of the tree: branches open and close, leaves are choices. */
function Level({ tree, parent, channel, picked, onPick }: { tree: Tree; parent: string | null; channel: Channel; picked: string | null; onPick: (c: PickedCategory) => void }) {
  const [open, setOpen] = useState<Set<string>>(new Set());
  const toggle = (id: string) => setOpen((s) => {
    const next = new Set(s);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    return next;
  });
  return (
    <ul className="plain curator-tree">
      {(tree.children.get(parent) ?? []).map((n) => (
        <li key={n.id}>
          {n.leaf ? (
            <LeafChoice node={n} label={n.name} channel={channel} picked={picked} onPick={(c) => onPick({ ...c, name: tree.path(n) })} />
          ) : (
            <>
              <button type="button" className="curator-branch" aria-expanded={open.has(n.id)} onClick={() => toggle(n.id)}>
                <span aria-hidden="true">{open.has(n.id) ? '▾' : '▸'}</span> {n.name}
              </button>
              {open.has(n.id) && <Level tree={tree} parent={n.id} channel={channel} picked={picked} onPick={onPick} />}
            </>
          )}
        </li>
      ))}
    </ul>
  );
}

export function ChannelCategoryBrowser({ channel, picked, onPick, error }: { channel: Channel; picked: PickedCategory | null; onPick: (c: PickedCategory) => void; error?: string }) {
  const { t, lang } = useI18n();
  const name = CHANNEL_SHORT[channel];
  // Each press of "refresh" asks the channels app to fetch the tree from the channel again.
  const [refreshes, setRefreshes] = useState(0);
  const state = useLoad(
    (signal) => api<{ items: CategoryNodeView[]; fetchedAt: string }>(`/curation/channels/${channel}/categories`, { query: { refresh: refreshes > 0 || undefined }, signal }),
    [channel, refreshes],
  );
  const tree = useMemo(() => buildTree(state.data?.items ?? []), [state.data]);
  const [query, setQuery] = useState('');
  const q = query.trim().toLowerCase();
  const found = q.length >= 2 ? tree.leaves.filter((n) => tree.path(n).toLowerCase().includes(q)) : [];
  const errorId = `category-${channel}-error`;
  return (
    <fieldset className="stack curator-category-browser" aria-describedby={error ? errorId : undefined} data-invalid={error ? 'true' : undefined}>
      <legend>{t('curator.mapping.channelCategory', { channel: name })}</legend>
      <p aria-live="polite">
        {picked ? <strong>{t('curator.mapping.selected', { name: picked.name })}</strong> : <span className="muted">{t('curator.mapping.notSelected')}</span>}
      </p>
      {error && <p id={errorId} className="field-error" role="alert">{error}</p>}
      <div className="row">
        <Button variant="secondary" busy={state.loading && refreshes > 0} onClick={() => setRefreshes((n) => n + 1)}>{t('curator.mapping.refresh', { channel: name })}</Button>
        {state.data && <span className="muted small">{t('curator.mapping.fetchedAt', { channel: name, when: formatDateTime(state.data.fetchedAt, lang) })}</span>}
      </div>
      <LoadState state={state} isEmpty={(d) => d.items.length === 0} empty={t('curator.mapping.noCategories', { channel: name })}>
        {() => (
          <>
            <TextField type="search" label={t('curator.mapping.search', { channel: name })} hint={t('curator.mapping.searchHint')} value={query} onChange={(e) => setQuery(e.target.value)} />
            {q.length >= 2 ? (
              <div role="group" aria-label={t('curator.mapping.results')}>
                {found.length === 0 && <p className="muted">{t('curator.mapping.noResults')}</p>}
                {found.length > SEARCH_MAX && <p className="muted small">{t('curator.mapping.moreResults', { shown: SEARCH_MAX, total: found.length })}</p>}
                <ul className="plain curator-tree">
                  {found.slice(0, SEARCH_MAX).map((n) => (
                    <li key={n.id}><LeafChoice node={n} label={tree.path(n)} channel={channel} picked={picked?.id ?? null} onPick={onPick} /></li>
                  ))}
                </ul>
              </div>
            ) : (
              <div className="curator-tree-box"><Level tree={tree} parent={null} channel={channel} picked={picked?.id ?? null} onPick={onPick} /></div>
            )}
          </>
        )}
      </LoadState>
    </fieldset>
  );
}
