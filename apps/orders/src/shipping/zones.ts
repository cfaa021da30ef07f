// Provinces and their zones live in libs/contracts, where the address schema reads them too.
export * from '@pk/contracts/requests/provinces';
