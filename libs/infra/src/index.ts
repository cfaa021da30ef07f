export { ensureInfra } from './infra';
export { REDIS_MISSING } from './redis';
export { DEFAULT_MEILI_KEY } from './settings';
export type { Component, Infra, InfraOptions, Profile } from './types';
