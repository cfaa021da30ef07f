import { useSyncExternalStore } from 'react';

// The number on the header's cart badge; the storefront sets it whenever it reads the cart.
let count = 0;
const listeners = new Set<() => void>();

export function setCartCount(next: number): void {
  if (next === count) return;
  count = next;
  listeners.forEach((l) => l());
}

export function useCartCount(): number {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => count,
  );
}
