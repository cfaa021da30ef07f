import { z, ZodRawShape } from 'zod';
import { REGENCIES, Regency } from '../catalog';

// The pieces every reply is built of, as they cross JSON. Replies are strict objects: a field the
// app sends and the schema does not name fails the gateway's reply check (PK_CHECK_REPLIES=1).

export const reply = <T extends ZodRawShape>(shape: T) => z.object(shape).strict();

/** Whole rupiah as digits (money is never a JSON number). */
export const money = z.string().regex(/^\d+$/, 'rupiah as digits');
/** Rupiah as digits that may be negative (ledger movements). */
export const signedMoney = z.string().regex(/^-?\d+$/, 'rupiah as digits');
/** A moment as an ISO 8601 string. */
export const isoDate = z.string().datetime({ offset: true });
export const uuid = z.string().uuid();
/** A bigserial key (ledger entries, stock movements), as digits. */
export const serialId = z.string().regex(/^\d+$/, 'an id as digits');

export const regency = z.enum(Object.keys(REGENCIES) as [Regency, ...Regency[]]);
/** Text in Indonesian, with its English when the artisan gave it. */
export const bilingual = reply({ id: z.string(), en: z.string().nullable() });
export const options = z.record(z.string());
export const photoRenditions = reply({ thumbnail: z.string(), card: z.string(), full: z.string() });
export const dimensions = reply({ length: z.number(), width: z.number(), height: z.number() });

/** A page of a list: the items and how many there are in all. */
export const page = <T extends z.ZodTypeAny>(item: T) => reply({ items: z.array(item), total: z.number().int() });
/** A page with the limit and offset it was read with. */
export const pageAt = <T extends z.ZodTypeAny>(item: T) => reply({ items: z.array(item), total: z.number().int(), limit: z.number().int(), offset: z.number().int() });
