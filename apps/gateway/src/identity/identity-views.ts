import { ALL_ROLES, Role } from '@pk/contracts';
import { z } from 'zod';

// What the gateway's own identity routes answer, as schemas: the OpenAPI document's response
// bodies are generated from them, and the types below are theirs.

export const userViewSchema = z.object({
  id: z.string().uuid(),
  email: z.string(),
  displayName: z.string(),
  roles: z.array(z.enum(ALL_ROLES as [Role, ...Role[]])),
  createdAt: z.string().datetime({ offset: true }),
});
export type UserView = z.infer<typeof userViewSchema>;

export const sessionSchema = z.object({
  user: userViewSchema,
  accessToken: z.string(),
  expiresIn: z.number().int(),
  refreshToken: z.string(),
  tokenType: z.literal('Bearer'),
});
export type Session = z.infer<typeof sessionSchema>;
