import { useSyncExternalStore } from 'react';

// Short notices ("Added to cart") in one polite live region; errors are assertive.

export interface Toast {
  id: number;
  text: string;
  kind: 'info' | 'error';
}

let toasts: Toast[] = [];
let nextId = 1;
const listeners = new Set<() => void>();
const emit = () => listeners.forEach((l) => l());

export function toast(text: string, kind: Toast['kind'] = 'info', ms = 4000): void {
  const item = { id: nextId++, text, kind };
  toasts = [...toasts, item];
  emit();
  setTimeout(() => {
    toasts = toasts.filter((x) => x !== item);
    emit();
  }, ms);
}

const subscribe = (l: () => void) => {
  listeners.add(l);
  return () => listeners.delete(l);
};

export function Toasts() {
  const items = useSyncExternalStore(subscribe, () => toasts);
  return (
    <div className="toasts">
      <div aria-live="polite" role="status">
        {items.filter((x) => x.kind === 'info').map((x) => <p key={x.id} className="toast">{x.text}</p>)}
      </div>
      <div aria-live="assertive" role="alert">
        {items.filter((x) => x.kind === 'error').map((x) => <p key={x.id} className="toast toast-error">{x.text}</p>)}
      </div>
    </div>
  );
}
