import { Client } from 'pg';
import { Role, Roles } from '@pk/contracts';
import { newId } from '@pk/core';
import { hashPassword } from '../apps/gateway/src/identity/passwords';
import { DEMO_ARTISANS } from './demo/catalogue';

export const DEMO_PASSWORD = 'demo-password-123';

export const DEMO_CURATOR = 'kurator@pasarkriya.id';

// Artisans start as buyers: the artisan role comes with the council's verification.
const DEMO_USERS: Array<{ email: string; displayName: string; roles: Role[]; label: string }> = [
  { email: DEMO_CURATOR, displayName: 'Ni Luh Kurator (Dekranasda)', roles: [Roles.curator], label: 'curator' },
  { email: 'pembeli@pasarkriya.id', displayName: 'Made Pembeli', roles: [Roles.buyer], label: 'buyer' },
  ...DEMO_ARTISANS.map((a, i) => ({ email: a.email, displayName: a.displayName, roles: [Roles.buyer], label: i === 0 ? 'artisan' : '' })),
];

/**
 * Demo accounts for `npm start`: a curator, a buyer and the demo artisans (the admin comes from
 * ADMIN_EMAIL). Safe to run again: existing accounts are left as they are. Returns lines to
 * print. The catalogue is seeded afterwards through the running apps (demo/seed-catalogue.ts).
 */
export async function seedDemo(env: NodeJS.ProcessEnv): Promise<string[]> {
  const client = new Client({ connectionString: env.DATABASE_URL });
  await client.connect();
  try {
    const hash = await hashPassword(DEMO_PASSWORD, 16384);
    for (const user of DEMO_USERS) {
      await client.query(
        `INSERT INTO identity.users (id, email, password_hash, display_name, roles)
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT ((lower(email))) DO NOTHING`,
        [newId(), user.email, hash, user.displayName, user.roles],
      );
    }
  } finally {
    await client.end();
  }
  return [
    'Demo logins:',
    `  admin     ${env.ADMIN_EMAIL} / ${env.ADMIN_PASSWORD}`,
    ...DEMO_USERS.filter((u) => u.label).map((u) => `  ${u.label.padEnd(9)} ${u.email} / ${DEMO_PASSWORD}`),
    `  (more artisans: ${DEMO_ARTISANS.slice(1).map((a) => a.email).join(', ')})`,
  ];
}
