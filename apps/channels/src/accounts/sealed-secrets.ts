import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/** What an account keeps secret: the app secret and the tokens. */
export interface AccountSecrets {
  appSecret: string;
  accessToken: string;
  refreshToken: string;
}

/** AES-256-GCM with a fresh IV: `v1.<iv>.<tag>.<ciphertext>`, base64 parts. */
export function seal(secrets: AccountSecrets, key: Buffer): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const data = Buffer.concat([cipher.update(JSON.stringify(secrets), 'utf8'), cipher.final()]);
  return ['v1', iv.toString('base64'), cipher.getAuthTag().toString('base64'), data.toString('base64')].join('.');
}

/** Throws when the key is wrong or the stored value was tampered with. */
export function unseal(sealed: string, key: Buffer): AccountSecrets {
  const [version, iv, tag, data] = sealed.split('.');
  if (version !== 'v1' || !iv || !tag || !data) throw new Error('unreadable account secrets');
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64'));
  decipher.setAuthTag(Buffer.from(tag, 'base64'));
  return JSON.parse(Buffer.concat([decipher.update(Buffer.from(data, 'base64')), decipher.final()]).toString('utf8')) as AccountSecrets;
}
