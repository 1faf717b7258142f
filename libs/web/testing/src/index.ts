export * from './render';
export * from './layout';
