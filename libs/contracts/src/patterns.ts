import { ServiceName } from './services';

/** The health pattern every service answers; `<service>.health`. */
export const healthPattern = (service: ServiceName) => `${service}.health`;

export interface HealthReply {
  service: ServiceName;
  status: 'up';
  schema: string;
  workers: boolean;
  uptimeSeconds: number;
}
