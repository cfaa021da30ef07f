import { ValueTransformer } from 'typeorm';

/**
 * A `bigint` column of whole rupiah: pg hands it over as a string, the code works in bigint,
 * never in floats. Every app that stores money uses this one.
 */
export const rupiahColumn: ValueTransformer = {
  to: (value: bigint | null | undefined) => (value === null || value === undefined ? value : value.toString()),
  from: (value: string | null) => (value === null ? null : BigInt(value)),
};
