// Campaigns and online exhibitions: RPC patterns, events and views (catalog app).
export {};
