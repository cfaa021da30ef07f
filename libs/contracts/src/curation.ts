// Provenance marks and featured collections: RPC patterns, events and views (catalog app).
export {};
