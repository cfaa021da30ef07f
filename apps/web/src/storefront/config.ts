// The public config the gateway puts in index.html (<meta name="pk-config">): no request needed.
export interface WebConfig {
  stripePublishableKey: string | null;
  mediaUrl: string;
}

function read(): WebConfig {
  const fallback: WebConfig = { stripePublishableKey: null, mediaUrl: '/media' };
  try {
    const meta = document.querySelector<HTMLMetaElement>('meta[name="pk-config"]');
    return meta ? { ...fallback, ...(JSON.parse(meta.content) as Partial<WebConfig>) } : fallback;
  } catch {
    return fallback;
  }
}

export const webConfig: WebConfig = read();

/** A photo's address: the API gives URLs for photos, but bare media keys in a few places (cart, shop cards). */
export function mediaSrc(urlOrKey: string | null | undefined): string | null {
  if (!urlOrKey) return null;
  return /^(https?:)?\//.test(urlOrKey) ? urlOrKey : `${webConfig.mediaUrl}/${urlOrKey}`;
}
