// Runs the TypeScript sources directly (decorator metadata and the @pk/* paths included),
// so `npm start`, `npm run migrate` and the benchmarks need no build step.
process.env.SWC_NODE_PROJECT = process.env.SWC_NODE_PROJECT || require('path').join(__dirname, '..', 'tsconfig.json');
require('@swc-node/register');
