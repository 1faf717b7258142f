export * from './axis-tree';
export * from './permissions';
