export * from './axis-tree';
export * from './permissions';
export * from './votes';
export * from './threads';
