export * from './contract/api';
export * from './contract/define';
export * from './contract/errors';
export * from './contract/events';
export * from './contract/models';
export * from './contract/protocol';
export * from './contract/bridge';
