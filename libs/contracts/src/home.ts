// The storefront's home page, composed and cached by the catalog app.
export {};
