import { Client } from 'pg';
import { Role, Roles } from '@pk/contracts';
import { newId } from '@pk/core';
import { hashPassword } from '../apps/gateway/src/identity/passwords';

export const DEMO_PASSWORD = 'demo-password-123';

const DEMO_USERS: Array<{ email: string; displayName: string; roles: Role[] }> = [
  { email: 'kurator@pasarkriya.id', displayName: 'Ni Luh Kurator (Dekranasda)', roles: [Roles.curator] },
  { email: 'perajin@pasarkriya.id', displayName: 'I Wayan Perajin (Celuk)', roles: [Roles.buyer, Roles.artisan] },
  { email: 'pembeli@pasarkriya.id', displayName: 'Made Pembeli', roles: [Roles.buyer] },
];

/**
 * Demo data for `npm start`: one account per role (the admin comes from ADMIN_EMAIL). Safe to
 * run again: existing accounts are left as they are. Returns lines to print.
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
    ...DEMO_USERS.map((u) => `  ${u.roles[u.roles.length - 1].padEnd(9)} ${u.email} / ${DEMO_PASSWORD}`),
  ];
}
