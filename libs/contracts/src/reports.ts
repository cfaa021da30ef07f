// Council reports: sales, artisans by status, channel export health.
export {};
