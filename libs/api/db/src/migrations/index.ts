import { Foundation1764316800000 } from './1764316800000-foundation';

/** Every migration, in order: run at start-up, never `synchronize`. */
export const MIGRATIONS = [Foundation1764316800000];
