import { FormEvent, KeyboardEvent, ReactNode, useEffect, useId, useMemo, useRef, useState } from 'react';
import { useLocation } from 'wouter';
import { queryString } from '../api';
import { Lang, localized, useI18n } from '../i18n';
import { hasMark, highlightParts } from './highlight';
import type { SuggestResult } from './types';
import { useSuggestions } from './use-suggestions';

// The header's search box: a WAI-ARIA combobox (list autocomplete) whose listbox groups the
// suggestions as listings, categories, regencies and shops. Focus stays in the input; the
// active option is announced through aria-activedescendant.

interface Option {
  key: string;
  href: string;
  content: ReactNode;
}

interface Group {
  key: string;
  label: string;
  options: Option[];
}

function Highlighted({ html }: { html: string }) {
  return <>{highlightParts(html).map((p, i) => (p.marked ? <mark key={i}>{p.text}</mark> : p.text))}</>;
}

const counted = (label: string, count: number) => <>{label} <span className="suggest-count">({count})</span></>;

function suggestionGroups(result: SuggestResult | null, lang: Lang, t: (key: string) => string): Group[] {
  if (!result) return [];
  const q = result.query;
  const groups: Group[] = [
    {
      key: 'listings',
      label: t('store.suggest.listings'),
      options: result.listings.map((l) => ({
        key: `listing-${l.id}`,
        href: `/listing/${l.id}`,
        // The highlight is the title that matched (either language); unmarked, the buyer's language reads better.
        content: hasMark(l.highlight) ? <Highlighted html={l.highlight} /> : localized(l.title, lang),
      })),
    },
    ...(['category', 'regency'] as const).map((facet) => ({
      key: facet,
      label: t(`store.suggest.${facet}`),
      // The counts are of listings matching the typed words, so the search keeps them.
      options: (facet === 'category' ? result.categories : result.regencies).map((f) => ({
        key: `${facet}-${f.value}`,
        href: `/search${queryString({ q, [facet]: f.value })}`,
        content: counted(f.label, f.count),
      })),
    })),
    {
      key: 'shops',
      label: t('store.suggest.shops'),
      options: result.shops.map((s) => ({ key: `shop-${s.slug}`, href: `/shop/${encodeURIComponent(s.slug)}`, content: counted(s.name, s.count) })),
    },
  ];
  return groups.filter((g) => g.options.length > 0);
}

export function HeaderSearch() {
  const { t, lang } = useI18n();
  const [, navigate] = useLocation();
  const id = useId();
  const listboxId = `${id}-listbox`;
  const optionId = (i: number) => `${id}-option-${i}`;
  const input = useRef<HTMLInputElement>(null);
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const result = useSuggestions(text);
  // `t` is new on every render but follows `lang`.
  const groups = useMemo(() => suggestionGroups(result, lang, t), [result, lang]);
  const options = groups.flatMap((g) => g.options);
  const expanded = open && options.length > 0;

  // New suggestions: nothing is active until the buyer moves.
  useEffect(() => setActive(-1), [result]);
  useEffect(() => {
    if (active >= 0) document.getElementById(optionId(active))?.scrollIntoView({ block: 'nearest' });
  }, [active]);

  const close = () => {
    setOpen(false);
    setActive(-1);
  };
  const go = (href: string) => {
    close();
    input.current?.blur();
    navigate(`~${href}`);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if ((e.key === 'ArrowDown' || e.key === 'ArrowUp') && options.length > 0) {
      e.preventDefault();
      const n = options.length;
      const down = e.key === 'ArrowDown';
      setOpen(true);
      setActive((a) => (!expanded || a < 0 ? (down ? 0 : n - 1) : (a + (down ? 1 : n - 1)) % n));
    } else if (e.key === 'Escape' && expanded) {
      // Closing first; a second Escape clears the box (the search input's own behaviour).
      e.preventDefault();
      close();
    } else if (e.key === 'Enter' && expanded && active >= 0) {
      e.preventDefault();
      go(options[active].href);
    }
  };
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    go(`/search${queryString({ q: text.trim() })}`);
  };

  let index = 0;
  return (
    <form role="search" className="header-search" onSubmit={onSubmit}>
      <label htmlFor={`${id}-input`} className="visually-hidden">{t('store.searchLabel')}</label>
      <div className="header-search-field">
        <input
          ref={input}
          id={`${id}-input`}
          type="search"
          role="combobox"
          aria-autocomplete="list"
          aria-expanded={expanded}
          aria-controls={listboxId}
          aria-activedescendant={expanded && active >= 0 ? optionId(active) : undefined}
          autoComplete="off"
          enterKeyHint="search"
          placeholder={t('store.searchPlaceholder')}
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            setOpen(true);
          }}
          onFocus={() => setOpen(true)}
          onBlur={close}
          onKeyDown={onKeyDown}
        />
        {/* Pressing inside the list keeps focus in the input (so blur does not close it first). */}
        <div id={listboxId} role="listbox" aria-label={t('store.suggest.label')} className="suggest" hidden={!expanded} onMouseDown={(e) => e.preventDefault()}>
          {groups.map((g) => (
            <div key={g.key} role="group" aria-labelledby={`${id}-${g.key}`} className="suggest-group">
              <div role="presentation" id={`${id}-${g.key}`} className="suggest-heading">{g.label}</div>
              {g.options.map((o) => {
                const i = index++;
                return (
                  <div key={o.key} id={optionId(i)} role="option" aria-selected={i === active} className="suggest-option" onClick={() => go(o.href)}>
                    {o.content}
                  </div>
                );
              })}
            </div>
          ))}
        </div>
      </div>
      <button type="submit" className="header-search-submit" aria-label={t('nav.search')}>
        <svg aria-hidden="true" width="20" height="20" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round">
          <circle cx="11" cy="11" r="7" /><path d="m20 20-3.5-3.5" />
        </svg>
      </button>
      <span role="status" className="visually-hidden">{expanded ? t('store.suggest.count', { count: options.length }) : ''}</span>
    </form>
  );
}
