// One cart across artisans: the signed-in buyer's, else an anonymous one named by a token kept in
// localStorage (created on the first add). Signing in merges the anonymous cart into the buyer's.
import { useEffect, useSyncExternalStore } from 'react';
import { api, getCartToken, getSession, setCartToken, subscribeSession } from '../api';
import { setCartCount } from '../cart-count';
import type { Cart } from './types';

interface CartState {
  cart: Cart | null;
  loading: boolean;
  error: unknown;
}

let state: CartState = { cart: null, loading: false, error: null };
const listeners = new Set<() => void>();

function set(next: Partial<CartState>): void {
  state = { ...state, ...next };
  if (next.cart !== undefined) setCartCount(next.cart?.totals.items ?? 0);
  listeners.forEach((l) => l());
}

const empty = (): Cart => ({ anonymous: true, groups: [], totals: { lines: 0, items: 0, goods: '0' }, checkoutReady: false });

export async function loadCart(): Promise<Cart> {
  if (!getSession() && !getCartToken()) {
    set({ cart: empty(), loading: false, error: null });
    return state.cart!;
  }
  set({ loading: true, error: null });
  try {
    const cart = await api<Cart>('/cart');
    set({ cart, loading: false });
    return cart;
  } catch (error) {
    set({ loading: false, error });
    throw error;
  }
}

export async function addToCart(variantId: string, quantity: number): Promise<Cart> {
  if (!getSession() && !getCartToken()) {
    const { token } = await api<{ token: string }>('/cart/anonymous', { method: 'POST' });
    setCartToken(token);
  }
  const cart = await api<Cart>('/cart/lines', { method: 'POST', body: { variantId, quantity } });
  set({ cart, error: null });
  return cart;
}

export async function setLineQuantity(variantId: string, quantity: number): Promise<Cart> {
  const cart = await api<Cart>(`/cart/lines/${variantId}`, { method: 'PATCH', body: { quantity } });
  set({ cart, error: null });
  return cart;
}

export async function removeLine(variantId: string): Promise<Cart> {
  const cart = await api<Cart>(`/cart/lines/${variantId}`, { method: 'DELETE' });
  set({ cart, error: null });
  return cart;
}

/** After checkout the cart is empty on the server: read it again. */
export const refreshCart = (): Promise<Cart> => loadCart();

// On sign-in: move the anonymous cart into the buyer's, then read the merged cart. On sign-out:
// the buyer's cart is theirs, not this device's.
let signedIn = getSession() !== null;
subscribeSession(() => {
  const now = getSession() !== null;
  if (now === signedIn) return;
  signedIn = now;
  const token = getCartToken();
  if (now && token) {
    void api('/cart/merge', { method: 'POST', body: { token } })
      .then(() => setCartToken(null))
      .catch(() => undefined)
      .finally(() => void loadCart().catch(() => undefined));
  } else {
    void loadCart().catch(() => undefined);
  }
});

export function useCart(): CartState & { reload: () => void } {
  const current = useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => state,
  );
  return { ...current, reload: () => void loadCart().catch(() => undefined) };
}

/** Reads the cart once when the app starts, so the header's badge is right on any page. */
export function useCartOnStart(): void {
  useEffect(() => {
    if (!state.cart && !state.loading) void loadCart().catch(() => undefined);
  }, []);
}
