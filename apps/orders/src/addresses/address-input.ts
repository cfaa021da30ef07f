// The schemas live in libs/contracts, where the gateway validates and documents with them too.
export { ADDRESS_LIMIT, addressRef, createAddressInput, normalizePhone, updateAddressInput } from '@pk/contracts/requests/orders';
export type { CreateAddressInput } from '@pk/contracts/requests/orders';
