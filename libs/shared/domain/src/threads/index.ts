export * from './threads';
