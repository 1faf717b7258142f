export * from './async-and-random';
