// The schemas live in libs/contracts, where the gateway validates and documents with them too.
export * from '@pk/contracts/requests/photos';
