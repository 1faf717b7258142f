export * from './ballot';
export * from './definition';
export * from './tally';
