import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The storefront, seller centre and curator console in one SPA, served by the gateway from dist/.
// JSX through Vite's own oxc transform (no React plugin); /api is proxied to a running gateway in dev.
const root = path.dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  root,
  base: '/',
  oxc: { jsx: { runtime: 'automatic' } },
  // The API's shapes (type-only imports; libs/contracts holds no Node-only code).
  resolve: { alias: { '@pk/contracts': path.join(root, '../../libs/contracts/src') } },
  build: {
    outDir: path.join(root, 'dist'),
    emptyOutDir: true,
    target: 'es2022',
    assetsDir: 'assets',
    sourcemap: false,
    reportCompressedSize: false,
  },
  server: {
    proxy: { '/api': process.env.GATEWAY_URL ?? 'http://127.0.0.1:3000', '/media': process.env.GATEWAY_URL ?? 'http://127.0.0.1:3000' },
  },
});
