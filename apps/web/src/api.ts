// The one way the web app talks to the gateway: JSON over /api/v1, the gateway's error shape
// turned into ApiError, the session kept in localStorage and refreshed once on a 401.
import { useSyncExternalStore } from 'react';

export const API_BASE = '/api/v1';
const SESSION_KEY = 'pk.session';
const CART_TOKEN_KEY = 'pk.cartToken';

export type Role = 'buyer' | 'artisan' | 'curator' | 'admin';

export interface User {
  id: string;
  email: string;
  displayName: string;
  roles: Role[];
}

export interface Session {
  user: User;
  accessToken: string;
  refreshToken: string;
}

/** A failed call: `code` is the gateway's error code (e.g. VALIDATION_FAILED), `status` the HTTP status. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: unknown = null,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export const isAbort = (error: unknown): boolean => error instanceof DOMException && error.name === 'AbortError';

// ---------------------------------------------------------------------------------------------
// Session store (one per tab; other tabs follow through the storage event)

type Listener = () => void;
const listeners = new Set<Listener>();
let session: Session | null = readSession();

function readSession(): Session | null {
  try {
    const raw = localStorage.getItem(SESSION_KEY);
    return raw ? (JSON.parse(raw) as Session) : null;
  } catch {
    return null;
  }
}

export function getSession(): Session | null {
  return session;
}

export function setSession(next: Session | null): void {
  session = next ? { user: next.user, accessToken: next.accessToken, refreshToken: next.refreshToken } : null;
  if (session) localStorage.setItem(SESSION_KEY, JSON.stringify(session));
  else localStorage.removeItem(SESSION_KEY);
  listeners.forEach((l) => l());
}

export function subscribeSession(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

window.addEventListener('storage', (e) => {
  if (e.key !== SESSION_KEY) return;
  session = readSession();
  listeners.forEach((l) => l());
});

export const getCartToken = (): string | null => localStorage.getItem(CART_TOKEN_KEY);
export const setCartToken = (token: string | null): void =>
  token ? localStorage.setItem(CART_TOKEN_KEY, token) : localStorage.removeItem(CART_TOKEN_KEY);

// ---------------------------------------------------------------------------------------------
// Requests

export type Query = Record<string, string | number | boolean | null | undefined | Array<string | number>>;

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  query?: Query;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

/** `?a=1&b=x&b=y`: arrays repeat their key, empty values are left out. */
export function queryString(query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    for (const v of Array.isArray(value) ? value : [value]) {
      if (v !== undefined && v !== null && v !== '') params.append(key, String(v));
    }
  }
  const s = params.toString();
  return s ? `?${s}` : '';
}

async function send(path: string, opts: RequestOptions, token: string | null): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json', ...opts.headers };
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  if (token) headers.authorization = `Bearer ${token}`;
  const cartToken = getCartToken();
  if (cartToken && !token) headers['x-cart-token'] = cartToken;
  return fetch(`${API_BASE}${path}${queryString(opts.query)}`, {
    method: opts.method ?? 'GET',
    headers,
    body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
    signal: opts.signal,
  });
}

async function toError(res: Response): Promise<ApiError> {
  let body: { error?: { code?: string; message?: string; details?: unknown } } = {};
  try {
    body = await res.json();
  } catch {
    // Not JSON (a proxy's page): the status says enough.
  }
  const e = body.error ?? {};
  return new ApiError(res.status, e.code ?? `HTTP_${res.status}`, e.message ?? res.statusText, e.details ?? null);
}

// Concurrent 401s share one refresh, so a rotated refresh token is used once.
let refreshing: Promise<boolean> | null = null;

function refreshSession(): Promise<boolean> {
  const current = session;
  if (!current?.refreshToken) return Promise.resolve(false);
  refreshing ??= (async () => {
    try {
      const res = await send('/auth/refresh', { method: 'POST', body: { refreshToken: current.refreshToken } }, null);
      if (!res.ok) {
        setSession(null);
        return false;
      }
      setSession((await res.json()) as Session);
      return true;
    } catch {
      return false;
    } finally {
      refreshing = null;
    }
  })();
  return refreshing;
}

// Calls whose 401 means wrong credentials, not a stale token.
const NO_REFRESH = new Set(['/auth/login', '/auth/register', '/auth/refresh', '/auth/logout']);

/** Calls the gateway; resolves the JSON body (undefined for 204), rejects with ApiError. */
export async function api<T = unknown>(path: string, opts: RequestOptions = {}): Promise<T> {
  let res = await send(path, opts, session?.accessToken ?? null);
  if (res.status === 401 && session && !NO_REFRESH.has(path)) {
    if (await refreshSession()) res = await send(path, opts, session?.accessToken ?? null);
  }
  if (!res.ok) throw await toError(res);
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

// ---------------------------------------------------------------------------------------------
// Auth

export async function login(email: string, password: string): Promise<Session> {
  const s = await api<Session>('/auth/login', { method: 'POST', body: { email, password } });
  setSession(s);
  return s;
}

export async function register(email: string, password: string, displayName: string): Promise<Session> {
  const s = await api<Session>('/auth/register', { method: 'POST', body: { email, password, displayName } });
  setSession(s);
  return s;
}

export async function logout(): Promise<void> {
  const current = session;
  setSession(null);
  if (current) await api('/auth/logout', { method: 'POST', body: { refreshToken: current.refreshToken } }).catch(() => undefined);
}

export interface Auth {
  user: User | null;
  roles: Role[];
  /** Admins pass every role check, as at the gateway. */
  hasRole(...roles: Role[]): boolean;
}

/** The signed-in user (null when signed out); re-renders on sign-in, sign-out and refresh. */
export function useAuth(): Auth {
  const s = useSyncExternalStore(subscribeSession, getSession);
  const roles = s?.user.roles ?? [];
  return {
    user: s?.user ?? null,
    roles,
    hasRole: (...wanted) => roles.includes('admin') || wanted.some((r) => roles.includes(r)),
  };
}

/**
 * At start: checks the stored session with /auth/me (refreshing a stale access token, or signing
 * out when the refresh token is refused) and picks up role changes made since sign-in.
 */
export async function revalidateSession(): Promise<void> {
  if (!session) return;
  try {
    const user = await api<User>('/auth/me');
    if (session) setSession({ ...session, user });
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) setSession(null);
  }
}
