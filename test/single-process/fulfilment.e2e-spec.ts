// The fulfilment suite again, unchanged, with every app in this one process talking through the
// in-process transport (PK_PROCESSES=single), the mode `PK_PROCESSES=single npm start` runs.
process.env.PK_PROCESSES = 'single';
require('../fulfilment.e2e-spec');
