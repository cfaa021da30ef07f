// The schema lives in libs/contracts, where the gateway validates and documents with it too.
export { salesInput, todayWita } from '@pk/contracts/requests/orders';
export type { SalesInput } from '@pk/contracts/requests/orders';
