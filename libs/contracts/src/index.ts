export * from './services';
export * from './caller';
export * from './patterns';
export * from './events';
export * from './queues';
export * from './catalog';
export * from './search';
export * from './channels';
